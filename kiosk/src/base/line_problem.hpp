#pragma once

// What the readers of text files (calendars, spreadsheets, registrations) say is wrong, and where.

#include <string>

namespace kiosk {

struct LineProblem {
    int line = 0; // from 1
    std::string message;
};

} // namespace kiosk
