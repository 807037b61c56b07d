// The drawing surface: bundled fonts found without installing them, text and shapes drawn to
// PNG, SVG and PDF, read back with cairo.

#include "build_paths.hpp"
#include "kiosk_print/canvas.hpp"
#include "png_image.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

namespace {

const std::string fonts_directory = test::source_dir() + "/assets/fonts";

} // namespace

TEST_CASE("the bundled Noto Sans is found without being installed", "[print][fonts]")
{
    const auto fonts = kiosk_print::Fonts::load(fonts_directory);
    kiosk_print::Canvas canvas(kiosk_print::Format::Png, {300, 60}, fonts);
    const auto size = canvas.measure("Saint-Étienne", {20});
    CHECK(size.width > 100);
    CHECK(size.width < 160);
    // Wrapped within a width: three lines, cut with "…" at two.
    const auto wrapped = canvas.measure("Télétravail : les bons outils pour toute l'équipe",
                                        {20, kiosk_print::Weight::Regular, kiosk_print::black,
                                         kiosk_print::Align::Left, 150, 2});
    CHECK(wrapped.width <= 150);
    CHECK(wrapped.height > 1.5 * size.height);
    CHECK(wrapped.height < 2.5 * size.height);

    test::TempDir empty;
    CHECK_THROWS_WITH(kiosk_print::Fonts::load(empty.path()),
                      Catch::Contains("aucune police (.ttf, .otf)"));
    CHECK_THROWS_WITH(kiosk_print::Fonts::load(empty / "absent"),
                      Catch::Contains("dossier des polices illisible"));
}

TEST_CASE("a PNG canvas draws crisp QR modules and text at whole pixels", "[print][canvas]")
{
    const auto fonts = kiosk_print::Fonts::load(fonts_directory);
    kiosk_print::Canvas canvas(kiosk_print::Format::Png, {200, 100}, fonts, 2);
    const auto code = kiosk_print::encode_qr("AT:TEST");
    canvas.qr(code, {4, 4}, 2); // 4 px per module at 2 px per point
    canvas.text({150, 40}, "jeudi", {12, kiosk_print::Weight::Bold, kiosk_print::black,
                                     kiosk_print::Align::Center});
    const test::Png png(canvas.finish());
    REQUIRE(png.width() == 400);
    REQUIRE(png.height() == 200);
    // The finder pattern's corner: 7 dark modules, then a light one.
    for (int x = 8; x < 8 + 7 * 4; ++x)
        CHECK(png.dark(x, 8));
    CHECK_FALSE(png.dark(8 + 7 * 4, 8));
    CHECK_FALSE(png.dark(7, 8)); // nothing bleeds into the quiet zone
    int text_pixels = 0;
    for (int y = 60; y < 140; ++y)
        for (int x = 250; x < 350; ++x)
            text_pixels += png.dark(x, y) ? 1 : 0;
    CHECK(text_pixels > 100);
}

TEST_CASE("SVG and PDF canvases encode their documents", "[print][canvas]")
{
    const auto fonts = kiosk_print::Fonts::load(fonts_directory);
    kiosk_print::Canvas svg(kiosk_print::Format::Svg, kiosk_print::a6_page, fonts);
    const kiosk_print::Point curve[] = {{10, 100}, {50, 60}, {90, 80}};
    svg.polyline(curve, 2, kiosk_print::Color::hex(0x005F8F));
    svg.fill({10, 110, 20, 50}, kiosk_print::Color::hex(0xE0A000));
    const auto svg_text = svg.finish();
    CHECK(svg_text.find("<svg") != std::string::npos);
    CHECK(svg_text.find("</svg>") != std::string::npos);

    kiosk_print::Canvas pdf(kiosk_print::Format::Pdf, kiosk_print::a4_page, fonts);
    pdf.text({20, 20}, "Fréquentation de novembre", {14});
    const auto pdf_bytes = pdf.finish();
    CHECK(pdf_bytes.starts_with("%PDF-"));
    CHECK(pdf_bytes.find("%%EOF") != std::string::npos);
}
