#include "kiosk_checkin/motion_gate.hpp"

#include <algorithm>
#include <cstdlib>

namespace kiosk::checkin {

bool MotionGate::should_decode(const GrayView& frame)
{
    std::array<std::uint8_t, columns * rows> grid{};
    int changed = 0;
    for (int row = 0; row < rows; ++row) {
        const int y = (2 * row + 1) * frame.height / (2 * rows);
        for (int column = 0; column < columns; ++column) {
            const int x = (2 * column + 1) * frame.width / (2 * columns);
            // Average a 2×2 neighbourhood so sensor noise does not look like motion.
            const int x1 = x + 1 < frame.width ? x + 1 : x;
            const int y1 = y + 1 < frame.height ? y + 1 : y;
            const int value =
                (frame.at(x, y) + frame.at(x1, y) + frame.at(x, y1) + frame.at(x1, y1)) / 4;
            const auto index = static_cast<std::size_t>(row * columns + column);
            grid[index] = static_cast<std::uint8_t>(value);
            if (!has_previous_)
                continue;
            const int difference = std::abs(value - previous_[index]);
            const float threshold = std::max(static_cast<float>(options_.minimum_change),
                                             options_.noise_factor * flicker_[index]);
            changed += flicker_[index] < options_.restless && static_cast<float>(difference) > threshold;
            flicker_[index] = 0.95f * flicker_[index] + 0.05f * static_cast<float>(difference);
        }
    }
    const bool moved = changed >= options_.changed_cells;
    moved_ = moved;
    const bool first = !has_previous_;
    previous_ = grid;
    has_previous_ = true;

    if (moved)
        settle_left_ = options_.settle_frames;
    bool decode = first || moved || settle_left_ > 0 || ++since_decode_ >= options_.idle_decode_every;
    if (settle_left_ > 0 && !moved)
        --settle_left_;
    if (decode)
        since_decode_ = 0;
    return decode;
}

} // namespace kiosk::checkin
