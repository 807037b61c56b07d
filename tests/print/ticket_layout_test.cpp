// Ticket layouts: the PNG card keeps whole-pixel modules of at least 8 pixels, and the texts
// that do not fit are cut rather than drawn over the code.

#include "kiosk_print/canvas.hpp"
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

TEST_CASE("a print sheet puts four A6 tickets on each A4 page", "[print][ticket]")
{
    const auto fonts = kiosk_print::Fonts::load(std::string(SOURCE_DIR) + "/assets/fonts");
    const auto pages_of = [](const std::string& pdf) {
        std::size_t pages = 0;
        for (auto at = pdf.find("/Type /Page"); at != std::string::npos;
             at = pdf.find("/Type /Page", at + 1))
            pages += pdf.compare(at, 12, "/Type /Pages") != 0;
        return pages;
    };
    for (const std::size_t count : {1UL, 4UL, 5UL, 9UL}) {
        const std::vector<kiosk_print::TicketText> tickets(count, sample());
        const auto pdf = kiosk_print::tickets_sheet_pdf(tickets, fonts);
        INFO(count << " tickets");
        CHECK(pdf.starts_with("%PDF-"));
        CHECK(pages_of(pdf) == (count + 3) / 4);
    }
    CHECK_THROWS_AS(kiosk_print::tickets_sheet_pdf({}, fonts), std::invalid_argument);
    kiosk_print::Canvas png(kiosk_print::Format::Png, {10, 10}, fonts);
    CHECK_THROWS_AS(png.next_page(), std::logic_error);
}
