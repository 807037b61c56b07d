#pragma once

// The third-party iCalendar data kept beside the source tree (`../shared/testdata/ical`; CI
// has it). A conformance test without its data fails: one that did not run must not read as
// passed.

#include "build_paths.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

namespace test {

inline std::filesystem::path conformance_data(const std::string& folder = {})
{
    const auto path =
        std::filesystem::path(test::source_dir()) / "../shared/testdata/ical" / folder;
    if (!std::filesystem::is_directory(path))
        FAIL("no iCalendar conformance data in " << path.lexically_normal().string()
                                                 << ": put ../shared/testdata beside the clone");
    return path;
}

} // namespace test
