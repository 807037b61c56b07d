#pragma once

// RFC 4180 records: quoted fields may hold the separator, doubled quotes and line breaks.

#include "line_problem.hpp"

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

struct Field {
    std::string text;
    int line = 0; // where the field starts
};
using Record = std::vector<Field>;

// Blank lines are skipped; a quote left open is a truncated file.
[[nodiscard]] tl::expected<std::vector<Record>, LineProblem> split_records(std::string_view text,
                                                                           char separator);

// ';' or ',', whichever the header line uses more (';' when it uses neither).
[[nodiscard]] char detect_separator(std::string_view text);

} // namespace kiosk
