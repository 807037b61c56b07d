#include "kiosk_print/ticket_layout.hpp"

#include "kiosk_print/canvas.hpp"

#include <algorithm>
#include <stdexcept>

namespace kiosk_print {
namespace {

constexpr Color ink = Color::hex(0x1B1B1B);
constexpr Color muted = Color::hex(0x5A5A5A);
constexpr std::string_view instruction = "Présentez ce QR code à l'entrée";

// The session's words, top to bottom, in a column `width` wide; returns the height used.
double draw_details(Canvas& canvas, const TicketText& ticket, Point origin, double width,
                    double scale)
{
    double y = origin.y;
    auto put = [&](std::string_view text, double size, Weight weight, Color color, int lines,
                   double gap) {
        if (text.empty())
            return;
        const TextStyle style{size * scale, weight, color, Align::Left, width, lines};
        y += canvas.text({origin.x, y}, text, style).height + gap * scale;
    };
    // Grey only: tickets print the same on any printer, and a grey PNG encodes fastest.
    put("Atelier numérique — billet d'entrée", 9, Weight::Regular, muted, 1, 6);
    put(ticket.title, 17, Weight::Bold, ink, 3, 10);
    put(ticket.date, 13, Weight::Regular, ink, 1, 2);
    put(ticket.time, 13, Weight::Bold, ink, 1, 10);
    put(ticket.site, 12, Weight::Regular, ink, 1, 2);
    put(ticket.room, 12, Weight::Regular, ink, 2, 10);
    if (!ticket.holder.empty())
        put("Pour " + ticket.holder, 12, Weight::Regular, ink, 1, 10);
    put(instruction, 9, Weight::Regular, muted, 2, 2);
    put("Billet " + ticket.reference, 8, Weight::Regular, muted, 1, 0);
    return y - origin.y;
}

// The card of the PNG and the SVG: the code on the left, the words on the right. `module` is a
// whole number of pixels (PNG) so every module is crisp.
std::string card(Format format, const TicketText& ticket, const Fonts& fonts)
{
    const auto code = encode_qr(ticket.payload);
    const double module = png_pixels_per_module;
    const double code_side = (code.modules + 2 * qr_quiet_zone) * module;
    const double scale = 2.2; // text sizes are given in points for the A6 page
    const double text_width = 640;
    const Size size{code_side + text_width + 40, std::max(code_side, 640.0)};
    Canvas canvas(format, size, fonts);
    const double code_top = (size.height - code_side) / 2;
    canvas.qr(code, {qr_quiet_zone * module, code_top + qr_quiet_zone * module}, module);
    draw_details(canvas, ticket, {code_side + 10, 40}, text_width, scale);
    return canvas.finish();
}

void draw_a6(Canvas& canvas, const TicketText& ticket, Point origin)
{
    const auto code = encode_qr(ticket.payload);
    // 50 mm for the code with its quiet zone, about 1 mm a module: easy for any camera.
    const double module = 50 * points_per_millimetre / (code.modules + 2 * qr_quiet_zone);
    const double code_side = (code.modules + 2 * qr_quiet_zone) * module;
    const double margin = 10 * points_per_millimetre;
    const double left = origin.x + (a6_page.width - code_side) / 2;
    canvas.qr(code, {left + qr_quiet_zone * module, origin.y + margin / 2 + qr_quiet_zone * module},
              module);
    draw_details(canvas, ticket, {origin.x + margin, origin.y + margin / 2 + code_side + 4},
                 a6_page.width - 2 * margin, 1.0);
}

void draw_cut_marks(Canvas& canvas, Rect ticket)
{
    const double gap = 3 * points_per_millimetre;
    const double length = 8 * points_per_millimetre;
    for (const double x : {ticket.x, ticket.x + ticket.width})
        for (const double y : {ticket.y, ticket.y + ticket.height}) {
            const double outward_x = x == ticket.x ? -1 : 1;
            const double outward_y = y == ticket.y ? -1 : 1;
            canvas.line({x + outward_x * gap, y}, {x + outward_x * (gap + length), y}, 0.5, ink);
            canvas.line({x, y + outward_y * gap}, {x, y + outward_y * (gap + length)}, 0.5, ink);
        }
}

// A4 holds exactly four A6: the cuts run through the middle of the page, marked where they meet
// its edges and where they cross, clear of every ticket's code and words.
void draw_sheet_cut_marks(Canvas& canvas)
{
    const double length = 6 * points_per_millimetre;
    const double middle_x = a4_page.width / 2;
    const double middle_y = a4_page.height / 2;
    canvas.line({middle_x, 0}, {middle_x, length}, 0.5, ink);
    canvas.line({middle_x, a4_page.height - length}, {middle_x, a4_page.height}, 0.5, ink);
    canvas.line({0, middle_y}, {length, middle_y}, 0.5, ink);
    canvas.line({a4_page.width - length, middle_y}, {a4_page.width, middle_y}, 0.5, ink);
    canvas.line({middle_x - length / 2, middle_y}, {middle_x + length / 2, middle_y}, 0.5, ink);
    canvas.line({middle_x, middle_y - length / 2}, {middle_x, middle_y + length / 2}, 0.5, ink);
}

} // namespace

std::string ticket_png(const TicketText& ticket, const Fonts& fonts)
{
    return card(Format::Png, ticket, fonts);
}

std::string ticket_svg(const TicketText& ticket, const Fonts& fonts)
{
    return card(Format::Svg, ticket, fonts);
}

std::string ticket_pdf(const TicketText& ticket, const Fonts& fonts, Paper paper)
{
    if (paper == Paper::A6) {
        Canvas canvas(Format::Pdf, a6_page, fonts);
        draw_a6(canvas, ticket, {0, 0});
        return canvas.finish();
    }
    Canvas canvas(Format::Pdf, a4_page, fonts);
    const Rect place{(a4_page.width - a6_page.width) / 2, (a4_page.height - a6_page.height) / 2,
                     a6_page.width, a6_page.height};
    draw_a6(canvas, ticket, {place.x, place.y});
    draw_cut_marks(canvas, place);
    return canvas.finish();
}

std::string tickets_sheet_pdf(std::span<const TicketText> tickets, const Fonts& fonts)
{
    if (tickets.empty())
        throw std::invalid_argument("une planche sans billet");
    constexpr std::size_t per_page = 4;
    Canvas canvas(Format::Pdf, a4_page, fonts);
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        const std::size_t place = i % per_page;
        if (place == 0 && i > 0)
            canvas.next_page();
        if (place == 0)
            draw_sheet_cut_marks(canvas);
        draw_a6(canvas, tickets[i],
                {static_cast<double>(place % 2) * a6_page.width,
                 static_cast<double>(place / 2) * a6_page.height});
    }
    return canvas.finish();
}

} // namespace kiosk_print
