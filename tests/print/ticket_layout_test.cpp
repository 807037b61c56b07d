// Ticket layouts: the PNG card keeps whole-pixel modules of at least 8 pixels, read back from
// the image, and the texts that do not fit are cut, read back from the PDF. How long a batch
// takes is measured by benchmarks/tickets.cpp (bench_tickets).

#include "build_paths.hpp"
#include "kiosk_print/canvas.hpp"
#include "kiosk_print/ticket_layout.hpp"
#include "png_image.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <regex>

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

TEST_CASE("ticket files are PNG, SVG and PDF", "[print][ticket]")
{
    const auto fonts = kiosk_print::Fonts::load(test::source_dir() + "/assets/fonts");
    CHECK(kiosk_print::ticket_png(sample(), fonts).starts_with("\x89PNG"));
    CHECK(kiosk_print::ticket_pdf(sample(), fonts, kiosk_print::Paper::A6).starts_with("%PDF-"));
    CHECK(kiosk_print::ticket_svg(sample(), fonts).find("<svg") != std::string::npos);
    CHECK(kiosk_print::ticket_pdf(sample(), fonts, kiosk_print::Paper::A4WithCutMarks).size() >
          1000);
}

TEST_CASE("the PNG card draws each QR module on at least 8 whole pixels", "[print][ticket]")
{
    const auto fonts = kiosk_print::Fonts::load(test::source_dir() + "/assets/fonts");
    const auto bytes = kiosk_print::ticket_png(sample(), fonts);
    const test::Png png(bytes);
    REQUIRE(png.width() > 0);
    // The top-left finder pattern: its corner is the first dark pixel of the left third, and
    // its top edge is 7 dark modules then a light one, the same down its left edge.
    int corner_x = -1, corner_y = -1;
    for (int y = 0; y < png.height() && corner_x < 0; ++y)
        for (int x = 0; x < png.width() / 3 && corner_x < 0; ++x)
            if (png.dark(x, y))
                corner_x = x, corner_y = y;
    REQUIRE(corner_x > 0);
    const auto run = [&](int dx, int dy) {
        int length = 0;
        while (png.dark(corner_x + dx * length, corner_y + dy * length))
            ++length;
        return length;
    };
    const int across = run(1, 0);
    const int module = across / 7;
    INFO("finder pattern " << across << " px wide at " << corner_x << "," << corner_y);
    CHECK(across % 7 == 0);
    CHECK(module >= 8);
    CHECK(run(0, 1) == across);
    // Whole pixels: no grey at the module's edges.
    for (const int x : {corner_x - 1, corner_x, corner_x + across - 1, corner_x + across})
        CHECK(((png.rgb(x, corner_y) & 0xFF) < 0x30 || (png.rgb(x, corner_y) & 0xFF) > 0xF0));
    CHECK_FALSE(png.dark(corner_x + across, corner_y + module));
    CHECK(png.dark(corner_x + across - 1, corner_y + module));

    // And an independent reader finds the payload in it.
    test::TempDir dir;
    const auto file = dir / "ticket.png";
    std::ofstream(file, std::ios::binary) << bytes;
    const auto read = test::run_process({"zbarimg", "-q", "--raw", file.string()});
    CHECK(read.exit_code == 0);
    CHECK(read.out == sample().payload + "\n");
}

// Read back from the PDF with pdftotext's word boxes: pango draws the letters it leaves out as
// one "…" glyph, and the PDF keeps them as that glyph's text, so the last line's box holds more
// letters than the others in the same width.
TEST_CASE("a title too long for three lines is cut with an ellipsis, the rest still printed",
          "[print][ticket]")
{
    const auto fonts = kiosk_print::Fonts::load(test::source_dir() + "/assets/fonts");
    test::TempDir dir;
    const auto file = dir / "ticket.pdf";
    std::ofstream(file, std::ios::binary)
        << kiosk_print::ticket_pdf(sample(), fonts, kiosk_print::Paper::A6);
    const auto boxes = test::run_process({"pdftotext", "-bbox", file.string(), "-"});
    REQUIRE(boxes.exit_code == 0);
    INFO(boxes.out);
    struct Word {
        double left, top, right, bottom;
        std::string text;
    };
    std::vector<Word> words;
    const std::regex word_box(
        R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    for (auto match = std::sregex_iterator(boxes.out.begin(), boxes.out.end(), word_box);
         match != std::sregex_iterator(); ++match)
        words.push_back({std::stod((*match)[1]), std::stod((*match)[2]), std::stod((*match)[3]),
                         std::stod((*match)[4]), (*match)[5]});
    std::vector<Word> title;
    std::copy_if(words.begin(), words.end(), std::back_inserter(title),
                 [](const Word& word) { return word.text.starts_with("WWW"); });
    REQUIRE(title.size() == 3);
    const double page_width = kiosk_print::a6_page.width;
    const double margin = 10 * kiosk_print::points_per_millimetre;
    for (std::size_t line = 0; line < title.size(); ++line) {
        CHECK(title[line].left >= margin - 0.01);
        CHECK(title[line].right <= page_width - margin + 0.01);
        if (line > 0)
            CHECK(title[line].top >= title[line - 1].bottom - 0.01);
    }
    CHECK(title[0].text.size() == title[1].text.size());
    CHECK(title[0].text.size() + title[1].text.size() + title[2].text.size() ==
          sample().title.size());
    CHECK(title[2].text.size() > 2 * title[0].text.size()); // the letters behind the "…"
    CHECK(title[2].right - title[2].left < 1.1 * (title[0].right - title[0].left));
    // Everything after the title is still on the page, below it.
    for (const auto* after : {"jeudi", "16", "Éole", "Zoé", "0123456789abcdef"}) {
        const auto found = std::find_if(words.begin(), words.end(),
                                         [&](const Word& word) { return word.text == after; });
        INFO(after);
        REQUIRE(found != words.end());
        CHECK(found->top >= title[2].bottom - 0.01);
        CHECK(found->bottom <= kiosk_print::a6_page.height);
    }
}

TEST_CASE("a print sheet puts four A6 tickets on each A4 page", "[print][ticket]")
{
    const auto fonts = kiosk_print::Fonts::load(test::source_dir() + "/assets/fonts");
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
