#pragma once

#include <cstdint>

#include "kiosk_checkin/frame.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk::checkin {

// The source cannot be started (a pipeline that does not parse, a device that is missing).
class SourceError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct PullResult {
    enum class Kind { Frame, Timeout, EndOfStream, Error };
    Kind kind = Kind::Timeout;
    std::optional<Frame> frame;
    std::string message; // what went wrong, for Error
};

// Where frames come from: a camera, any GStreamer pipeline, or image files.
class FrameSource {
public:
    virtual ~FrameSource() = default;
    // Starts (or restarts after a failure); throws SourceError when it cannot.
    virtual void start() = 0;
    virtual void stop() = 0;
    [[nodiscard]] virtual PullResult pull(std::chrono::milliseconds timeout) = 0;
    [[nodiscard]] virtual std::string describe() const = 0;
};

// How frames reach the decoder. A live camera keeps only the newest frame so decoding never
// lags behind the visitor; a recording (files, a video) is read frame by frame.
enum class Delivery { NewestOnly, EveryFrame };

// A pipeline description whose last element produces raw video (or anything videoconvert
// accepts); grey conversion and the appsink are appended.
[[nodiscard]] std::unique_ptr<FrameSource>
make_pipeline_source(std::string description, Delivery delivery = Delivery::NewestOnly);
// The pipeline for a V4L2 camera. Prefer /dev/v4l/by-id/… names: they survive replugging.
[[nodiscard]] std::string camera_pipeline(const std::string& device);
// Still images (PNG, JPEG…), decoded by GStreamer one after the other; directories are
// expanded to their image files in name order. `Repeat::Yes` starts over at the end.
enum class Repeat { No, Yes };
[[nodiscard]] std::unique_ptr<FrameSource>
make_image_files_source(const std::vector<std::filesystem::path>& paths, Repeat repeat);

// Loads one image file as a grey frame (for `kiosk-checkin decode`); throws SourceError.
[[nodiscard]] Frame load_image(const std::filesystem::path& path);

// The most pixels of a still image: its size is read from its header (PNG or JPEG) and a
// larger one refused before it is decoded (a 389 KB PNG can claim 20 000 × 20 000 pixels).
inline constexpr std::uint64_t most_image_pixels = 24'000'000;

} // namespace kiosk::checkin
