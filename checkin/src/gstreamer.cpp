#include "gstreamer.hpp"

#include <gst/video/video.h>
#include <mutex>

namespace kiosk::checkin::gstreamer {

void initialise()
{
    static std::once_flag once;
    std::call_once(once, [] { gst_init(nullptr, nullptr); });
}

std::optional<Frame> frame_from_sample(GstSample* sample)
{
    GstVideoInfo info;
    GstCaps* caps = gst_sample_get_caps(sample);
    GstBuffer* buffer = gst_sample_get_buffer(sample);
    if (!caps || !buffer || !gst_video_info_from_caps(&info, caps))
        return std::nullopt;

    struct Mapped {
        GstSample* sample;
        GstMapInfo map;
    };
    auto* mapped = new Mapped{gst_sample_ref(sample), {}};
    if (!gst_buffer_map(buffer, &mapped->map, GST_MAP_READ)) {
        gst_sample_unref(mapped->sample);
        delete mapped;
        return std::nullopt;
    }
    std::shared_ptr<const void> keep_alive(mapped, [](const Mapped* owned) {
        gst_buffer_unmap(gst_sample_get_buffer(owned->sample), const_cast<GstMapInfo*>(&owned->map));
        gst_sample_unref(owned->sample);
        delete owned;
    });
    GrayView view;
    view.data = mapped->map.data + GST_VIDEO_INFO_PLANE_OFFSET(&info, 0);
    view.width = GST_VIDEO_INFO_WIDTH(&info);
    view.height = GST_VIDEO_INFO_HEIGHT(&info);
    view.stride = GST_VIDEO_INFO_PLANE_STRIDE(&info, 0);
    return Frame(view, Frame::Clock::now(), std::move(keep_alive));
}

std::string pending_error(GstElement* pipeline)
{
    GstBus* bus = gst_element_get_bus(pipeline);
    std::string text;
    if (GstMessage* message = gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR)) {
        GError* error = nullptr;
        gchar* debug = nullptr;
        gst_message_parse_error(message, &error, &debug);
        text = error ? error->message : "erreur inconnue";
        if (GST_MESSAGE_SRC(message))
            text = std::string(GST_OBJECT_NAME(GST_MESSAGE_SRC(message))) + " : " + text;
        g_clear_error(&error);
        g_free(debug);
        gst_message_unref(message);
    }
    gst_object_unref(bus);
    return text;
}

Pipeline::Pipeline(const std::string& description)
{
    initialise();
    GError* error = nullptr;
    pipeline_ = gst_parse_launch(description.c_str(), &error);
    if (error) {
        const std::string message = error->message;
        g_clear_error(&error);
        if (pipeline_)
            gst_object_unref(pipeline_);
        pipeline_ = nullptr;
        throw SourceError("pipeline GStreamer invalide (" + message + ") : " + description);
    }
    GstElement* sink = gst_bin_get_by_name(GST_BIN(pipeline_), "kiosk_sink");
    if (!sink) {
        gst_object_unref(pipeline_);
        pipeline_ = nullptr;
        throw SourceError("le pipeline n'a pas d'appsink nommé kiosk_sink : " + description);
    }
    sink_ = GST_APP_SINK(sink);
}

Pipeline::~Pipeline()
{
    if (pipeline_) {
        gst_element_set_state(pipeline_, GST_STATE_NULL);
        gst_object_unref(sink_);
        gst_object_unref(pipeline_);
    }
}

void Pipeline::play()
{
    if (gst_element_set_state(pipeline_, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        std::string message = pending_error(pipeline_);
        throw SourceError(message.empty() ? "le pipeline refuse de démarrer" : message);
    }
}

void Pipeline::pause()
{
    // Waiting for the state change makes an undecodable file fail at once, not at a timeout.
    if (gst_element_set_state(pipeline_, GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE ||
        gst_element_get_state(pipeline_, nullptr, nullptr, 5 * GST_SECOND) ==
            GST_STATE_CHANGE_FAILURE) {
        std::string message = pending_error(pipeline_);
        throw SourceError(message.empty() ? "le pipeline refuse de démarrer" : message);
    }
}

PullResult Pipeline::pull(std::chrono::milliseconds timeout, bool preroll)
{
    const auto nanoseconds = static_cast<GstClockTime>(timeout.count()) * GST_MSECOND;
    GstSample* sample = preroll ? gst_app_sink_try_pull_preroll(sink_, nanoseconds)
                                : gst_app_sink_try_pull_sample(sink_, nanoseconds);
    PullResult result;
    if (sample) {
        result.frame = frame_from_sample(sample);
        gst_sample_unref(sample);
        result.kind = result.frame ? PullResult::Kind::Frame : PullResult::Kind::Error;
        if (!result.frame)
            result.message = "image dans un format inattendu";
        return result;
    }
    if (std::string error = pending_error(pipeline_); !error.empty()) {
        result.kind = PullResult::Kind::Error;
        result.message = std::move(error);
    } else if (gst_app_sink_is_eos(sink_)) {
        result.kind = PullResult::Kind::EndOfStream;
    }
    return result;
}

GstElement* Pipeline::element(const char* name) const
{
    return gst_bin_get_by_name(GST_BIN(pipeline_), name);
}

} // namespace kiosk::checkin::gstreamer
