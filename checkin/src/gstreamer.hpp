#pragma once

// Shared GStreamer plumbing for the frame sources (private to the library).

#include "kiosk_checkin/frame.hpp"
#include "kiosk_checkin/frame_source.hpp"

#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <string>

namespace kiosk::checkin::gstreamer {

void initialise();

// Grey conversion and a one-frame sink: `drop=true` keeps only the newest frame (live
// cameras); without it the pipeline waits for the decoder (recordings).
inline constexpr const char* grey_sink_tail =
    " ! videoconvert ! video/x-raw,format=GRAY8 ! appsink name=kiosk_sink max-buffers=1 "
    "drop=true sync=false";
inline constexpr const char* grey_sink_every_frame_tail =
    " ! videoconvert ! video/x-raw,format=GRAY8 ! appsink name=kiosk_sink max-buffers=1 "
    "drop=false sync=false";

// Wraps a sample as a frame that keeps the buffer mapped while it lives.
[[nodiscard]] std::optional<Frame> frame_from_sample(GstSample* sample);

// The first error message waiting on the pipeline's bus, if any.
[[nodiscard]] std::string pending_error(GstElement* pipeline);

// Owns a parsed pipeline and its appsink.
class Pipeline {
public:
    explicit Pipeline(const std::string& description); // throws SourceError
    ~Pipeline();
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    void play();  // throws SourceError with the bus's message
    void pause(); // enough for a still image to reach the sink as a preroll
    [[nodiscard]] PullResult pull(std::chrono::milliseconds timeout, bool preroll = false);
    [[nodiscard]] GstElement* element(const char* name) const;

private:
    GstElement* pipeline_ = nullptr;
    GstAppSink* sink_ = nullptr;
};

} // namespace kiosk::checkin::gstreamer
