#include "qr_image.hpp"

#include <algorithm>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <qrencode.h>
#include <stdexcept>

namespace test {

int draw_qr(GrayImage& image, const std::string& text, int x, int y, int module)
{
    QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        throw std::runtime_error("cannot encode QR code");
    const int quiet = 4;
    const int side = (code->width + 2 * quiet) * module;
    for (int py = 0; py < side; ++py)
        for (int px = 0; px < side; ++px) {
            const int mx = px / module - quiet;
            const int my = py / module - quiet;
            const bool dark = mx >= 0 && my >= 0 && mx < code->width && my < code->width &&
                              (code->data[my * code->width + mx] & 1);
            const int ix = x + px;
            const int iy = y + py;
            if (ix >= 0 && iy >= 0 && ix < image.width && iy < image.height)
                image.at(ix, iy) = dark ? 0 : 255;
        }
    QRcode_free(code);
    return side;
}

void write_image(const GrayImage& image, const std::filesystem::path& path)
{
    static const bool initialised = [] {
        gst_init(nullptr, nullptr);
        return true;
    }();
    (void)initialised;
    const bool jpeg = path.extension() == ".jpg" || path.extension() == ".jpeg";
    const std::string description =
        std::string("appsrc name=source ! videoconvert ! ") +
        (jpeg ? "jpegenc quality=85" : "pngenc") + " ! filesink name=sink";
    GError* error = nullptr;
    GstElement* pipeline = gst_parse_launch(description.c_str(), &error);
    if (error)
        throw std::runtime_error(error->message);
    GstElement* source = gst_bin_get_by_name(GST_BIN(pipeline), "source");
    GstElement* sink = gst_bin_get_by_name(GST_BIN(pipeline), "sink");
    g_object_set(sink, "location", path.c_str(), nullptr);
    // GRAY8 rows are padded to 4 bytes in GStreamer's layout.
    const int stride = (image.width + 3) & ~3;
    GstCaps* caps = gst_caps_new_simple("video/x-raw", "format", G_TYPE_STRING, "GRAY8", "width",
                                        G_TYPE_INT, image.width, "height", G_TYPE_INT,
                                        image.height, "framerate", GST_TYPE_FRACTION, 1, 1, nullptr);
    g_object_set(source, "caps", caps, "format", GST_FORMAT_TIME, nullptr);
    gst_caps_unref(caps);
    const auto size = static_cast<gsize>(stride) * static_cast<gsize>(image.height);
    GstBuffer* buffer = gst_buffer_new_allocate(nullptr, size, nullptr);
    GstMapInfo map;
    gst_buffer_map(buffer, &map, GST_MAP_WRITE);
    for (int y = 0; y < image.height; ++y)
        std::copy_n(image.pixels.data() + static_cast<std::ptrdiff_t>(y) * image.width,
                    image.width, map.data + static_cast<std::ptrdiff_t>(y) * stride);
    gst_buffer_unmap(buffer, &map);
    GST_BUFFER_PTS(buffer) = 0;
    GST_BUFFER_DURATION(buffer) = GST_SECOND;
    gst_element_set_state(pipeline, GST_STATE_PLAYING);
    gst_app_src_push_buffer(GST_APP_SRC(source), buffer);
    gst_app_src_end_of_stream(GST_APP_SRC(source));
    GstBus* bus = gst_element_get_bus(pipeline);
    GstMessage* message = gst_bus_timed_pop_filtered(
        bus, 10 * GST_SECOND, static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
    const bool ok = message && GST_MESSAGE_TYPE(message) == GST_MESSAGE_EOS;
    if (message)
        gst_message_unref(message);
    gst_object_unref(bus);
    gst_element_set_state(pipeline, GST_STATE_NULL);
    gst_object_unref(source);
    gst_object_unref(sink);
    gst_object_unref(pipeline);
    if (!ok)
        throw std::runtime_error("cannot write " + path.string());
}

} // namespace test
