#include "gstreamer.hpp"

namespace kiosk::checkin {
namespace {

class PipelineSource final : public FrameSource {
public:
    PipelineSource(std::string description, Delivery delivery)
        : description_(std::move(description))
        , delivery_(delivery)
    {
    }

    void start() override
    {
        pipeline_.reset();
        auto pipeline =
            std::make_unique<gstreamer::Pipeline>(description_ + (delivery_ == Delivery::NewestOnly
                                                                      ? gstreamer::grey_sink_tail
                                                                      : gstreamer::grey_sink_every_frame_tail));
        pipeline->play();
        pipeline_ = std::move(pipeline);
    }

    void stop() override { pipeline_.reset(); }

    PullResult pull(std::chrono::milliseconds timeout) override
    {
        if (!pipeline_)
            return {PullResult::Kind::Error, std::nullopt, "source arrêtée"};
        return pipeline_->pull(timeout);
    }

    std::string describe() const override { return description_; }

private:
    std::string description_;
    Delivery delivery_;
    std::unique_ptr<gstreamer::Pipeline> pipeline_;
};

} // namespace

std::unique_ptr<FrameSource> make_pipeline_source(std::string description, Delivery delivery)
{
    return std::make_unique<PipelineSource>(std::move(description), delivery);
}

std::string camera_pipeline(const std::string& device)
{
    // Quoted so that by-id names with unusual characters survive gst_parse_launch.
    std::string quoted;
    for (char c : device) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return "v4l2src device=\"" + quoted + "\"";
}

} // namespace kiosk::checkin
