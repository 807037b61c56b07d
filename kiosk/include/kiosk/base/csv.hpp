#pragma once

// Writing CSV files that people open in a spreadsheet.

#include <string>
#include <string_view>

namespace kiosk {

// One field: quoted when it holds the separator, a quote or a line break (RFC 4180, quotes
// doubled); and when it starts with = + - @, a tab or a carriage return, prefixed with ' so
// that no spreadsheet takes a title typed by anyone for a formula (=HYPERLINK(…), @SUM(…)).
[[nodiscard]] std::string csv_cell(std::string_view text, char separator = ',');

} // namespace kiosk
