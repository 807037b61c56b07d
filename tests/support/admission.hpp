#pragma once

// A presentation film (presentation.hpp) fed through the real scan loop (motion gate, reader,
// debounce) frame by frame, timed as a live camera would see it.

#include "kiosk_checkin/scan_loop.hpp"
#include "presentation.hpp"

#include <optional>
#include <string>

namespace test::optics {

// RealTime: the loop takes the newest frame once it is free again, as with a live camera
// (Delivery::NewestOnly), each frame costing the CPU time it took here. EveryFrame: every
// frame is read and reading takes no time (a recording; or a sanitised build too slow to time).
enum class Pacing { RealTime, EveryFrame };

struct Admission {
    // From the moment the whole code is in view to the ticket handed over (0 if read sooner).
    std::optional<double> seconds;
    int misreads = 0;        // codes handed over that are not the ticket
    long frames_decoded = 0; // frames the gate let through to the reader
};

[[nodiscard]] Admission present(PresentationFilm& film, const std::string& ticket,
                                kiosk::checkin::CodeReader reader, Pacing pacing);

} // namespace test::optics
