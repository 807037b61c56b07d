#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

namespace kiosk::checkin {

// A non-owning view of an 8-bit grey image; rows may be padded (stride ≥ width).
struct GrayView {
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0;

    [[nodiscard]] std::uint8_t at(int x, int y) const
    {
        return data[static_cast<std::ptrdiff_t>(y) * stride + x];
    }
};

// One captured frame. It keeps the source's buffer mapped for as long as it lives, so the
// decoder reads the camera's memory directly instead of a copy.
class Frame {
public:
    using Clock = std::chrono::steady_clock;

    Frame(GrayView view, Clock::time_point captured, std::shared_ptr<const void> keep_alive)
        : view_(view)
        , captured_(captured)
        , keep_alive_(std::move(keep_alive))
    {
    }

    [[nodiscard]] const GrayView& view() const { return view_; }
    [[nodiscard]] Clock::time_point captured() const { return captured_; }

private:
    GrayView view_;
    Clock::time_point captured_;
    std::shared_ptr<const void> keep_alive_;
};

} // namespace kiosk::checkin
