// Ticket layouts: the PNG card keeps whole-pixel modules of at least 8 pixels, and the texts
// that do not fit are cut rather than drawn over the code.

#include "kiosk_print/ticket_layout.hpp"

#include <catch2/catch.hpp>
#include <chrono>

namespace {

kiosk_print::TicketText sample()
{
    kiosk_print::TicketText text;
    text.payload = "AT:" + std::string(132, 'A');
    text.title = std::string(300, 'W'); // far too long: cut after three lines
    text.date = "jeudi 26 novembre 2026";
    text.time = "14 h 30 – 16 h 30";
    text.site = "Saint-Étienne";
    text.room = "Salle Éole";
    text.holder = "Zoé";
    text.reference = "0123456789abcdef";
    return text;
}

} // namespace

TEST_CASE("ticket files are PNG, SVG and PDF, rendered fast enough for a batch",
          "[print][ticket]")
{
    const auto fonts = kiosk_print::Fonts::load(std::string(SOURCE_DIR) + "/assets/fonts");
    static_assert(kiosk_print::png_pixels_per_module >= 8);
    const auto started = std::chrono::steady_clock::now();
    const auto png = kiosk_print::ticket_png(sample(), fonts);
    const auto pdf = kiosk_print::ticket_pdf(sample(), fonts, kiosk_print::Paper::A6);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    WARN("one PNG and one PDF ticket: "
         << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms");
    CHECK(png.starts_with("\x89PNG"));
    CHECK(pdf.starts_with("%PDF-"));
    CHECK(kiosk_print::ticket_svg(sample(), fonts).find("<svg") != std::string::npos);
    CHECK(kiosk_print::ticket_pdf(sample(), fonts, kiosk_print::Paper::A4WithCutMarks).size() >
          1000);
}
