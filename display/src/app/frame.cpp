#include "kiosk_display/app.hpp"
#include "kiosk_display/system_state.hpp"

#include <fstream>

namespace kiosk_display::app {

ScreenSize oriented(ScreenSize size, kiosk::Orientation orientation)
{
    const bool portrait = size.height > size.width;
    if (portrait == (orientation == kiosk::Orientation::Portrait))
        return size;
    return {size.height, size.width};
}

BoardLayout compose(const BoardData& data, const BoardContext& context, ScreenSize screen,
                    const TextMeasurer& measurer, unsigned page, const Greetings& greetings)
{
    return layout_board(build_board(data, context, greetings), screen, measurer, page);
}

void dump_layout(const std::filesystem::path& file, const BoardLayout& layout)
{
    const auto partial = std::filesystem::path(file.string() + ".partial");
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << layout_text(layout);
    }
    std::filesystem::rename(partial, file);
}

} // namespace kiosk_display::app
