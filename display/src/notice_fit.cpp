// How much of a notice a board shows: the same sizes and lines as the layout's bands, so a
// notice refused here is one the board would have had to shorten.

#include "kiosk_display/board_layout.hpp"

#include "kiosk_display/text_fit.hpp"
#include "layout_parts.hpp"

#include <cmath>
#include <fmt/format.h>

namespace kiosk_display {

int notice_lines(BandSize size, ScreenSize screen)
{
    const bool portrait = screen.height > screen.width;
    return (size == BandSize::TakeOver ? 3 : 2) + (portrait ? 1 : 0);
}

namespace {

bool whole_on(std::string_view text, BandSize size, ScreenSize screen, const TextMeasurer& measurer)
{
    const layout::Metrics metrics = layout::metrics_for(screen);
    const TextStyle style = layout::band_style(size, metrics);
    const float width = static_cast<float>(screen.width) - 2 * metrics.margin;
    std::string_view rest = text;
    for (int line = 0; line < notice_lines(size, screen); ++line) {
        rest = take_line(measurer, rest, style, width).rest;
        if (rest.empty())
            return true;
    }
    return false;
}

} // namespace

NoticeFit notice_fit(std::string_view text, BandSize size, const TextMeasurer& measurer)
{
    NoticeFit fit;
    const auto points = code_points(text);
    fit.characters = points.size();
    fit.fitting = fit.characters;
    for (const ScreenSize screen : {ScreenSize{1920, 1080}, ScreenSize{1080, 1920}}) {
        if (whole_on(text, size, screen, measurer))
            continue;
        fit.whole = false;
        // The longest prefix that shows whole, by halving.
        std::size_t low = 0;
        std::size_t high = points.size();
        auto prefix = [&](std::size_t count) {
            return count == 0 ? std::string_view()
                              : text.substr(0, static_cast<std::size_t>(
                                                   points[count - 1].data() +
                                                   points[count - 1].size() - text.data()));
        };
        while (low < high) {
            const std::size_t middle = (low + high + 1) / 2;
            if (whole_on(prefix(middle), size, screen, measurer))
                low = middle;
            else
                high = middle - 1;
        }
        if (low < fit.fitting) {
            fit.fitting = low;
            fit.narrowest = screen;
        }
    }
    return fit;
}

std::optional<std::string> notice_refusal(std::string_view text, kiosk::NoticeLevel level,
                                          const TextMeasurer& measurer)
{
    const bool alert = level == kiosk::NoticeLevel::Alerte;
    const NoticeFit fit = notice_fit(text, alert ? BandSize::TakeOver : BandSize::Band, measurer);
    if (fit.whole)
        return std::nullopt;
    const bool portrait = fit.narrowest.height > fit.narrowest.width;
    return fmt::format("avis trop long pour l'écran : {} caractères, alors qu'{} en montre {} en "
                       "entier sur {} lignes d'un écran {} ; raccourcissez-le",
                       fit.characters, alert ? "une alerte" : "un bandeau", fit.fitting,
                       notice_lines(alert ? BandSize::TakeOver : BandSize::Band, fit.narrowest),
                       portrait ? "vertical" : "horizontal");
}

} // namespace kiosk_display
