// The attendance chart: bars as tall as the numbers say, in the colours of the legend, at the
// size asked for, through the library and through `kioskctl attendance --chart`.

#include "attendance_fixture.hpp"
#include "build_paths.hpp"
#include "kiosk_print/attendance_chart.hpp"
#include "png_image.hpp"
#include "process.hpp"

#include <catch2/catch.hpp>
#include <cmath>

namespace {

const std::string fonts_directory = test::source_dir() + "/assets/fonts";
const kiosk::Day day{date::year{2026}, date::month{11}, date::day{26}};

kiosk::AttendanceReport rennes_report(test::AttendanceFixture& fixture)
{
    return kiosk::attendance(fixture.store(), {"rennes", day, day}, kiosk::CheckinRules{},
                             test::at("2026-11-26 17:00"));
}

std::uint32_t rgb_of(kiosk_print::Color color)
{
    const auto channel = [](double value) {
        return static_cast<std::uint32_t>(std::lround(value * 255.0));
    };
    return channel(color.red) << 16 | channel(color.green) << 8 | channel(color.blue);
}

// How many pixels of `color` stand in column x, going up from the baseline y.
int run_upwards(const test::Png& png, int x, int baseline, std::uint32_t color)
{
    int y = baseline;
    while (y > 0 && png.rgb(x, y) != color)
        --y; // over the axis line
    int height = 0;
    while (y > 0 && png.rgb(x, y) == color) {
        ++height;
        --y;
    }
    return height;
}

// Checks that each bar of `data` stands where `geometry` says, as tall as its numbers.
void require_bars(const test::Png& png, const kiosk_print::ChartData& data,
                  const kiosk_print::ChartGeometry& geometry)
{
    REQUIRE(geometry.bars.size() == data.bars.size());
    const double per_person = geometry.points_per_person;
    // The row just above the axis line, which blends into it.
    const int baseline = static_cast<int>(geometry.bars_plot.y + geometry.bars_plot.height) - 1;
    for (std::size_t index = 0; index < data.bars.size(); ++index) {
        const auto& bar = data.bars[index];
        const auto& drawn = geometry.bars[index];
        INFO("bar " << bar.label << " " << bar.sublabel);
        const int centre = static_cast<int>(drawn.capacity.x + drawn.capacity.width / 2);
        const int edge = static_cast<int>(drawn.capacity.x + 2); // beside the inner bar
        CHECK(std::abs(run_upwards(png, centre, baseline, rgb_of(kiosk_print::checked_in_color)) -
                       bar.checked_in * per_person) <= 2.5);
        if (bar.walk_ins > 0) {
            const int top_of_checked =
                static_cast<int>(drawn.checked_in.y) + 1;
            CHECK(std::abs(run_upwards(png, centre, top_of_checked,
                                       rgb_of(kiosk_print::walk_in_color)) -
                           bar.walk_ins * per_person) <= 2.5);
        }
        CHECK(std::abs(run_upwards(png, edge, baseline, rgb_of(kiosk_print::capacity_color)) -
                       bar.capacity * per_person) <= 2.5);
    }
}

} // namespace

TEST_CASE("A site's day: one bar per measured session, as tall as its numbers", "[print][chart]")
{
    test::AttendanceFixture fixture;
    const auto report = rennes_report(fixture);
    const auto data = kiosk_print::chart_data(report, "Présence — Rennes");
    REQUIRE(data.bars.size() == 2);
    CHECK(data.bars[0].label == "10:00");
    CHECK(data.bars[0].sublabel == "Tableur : les bases");
    CHECK(data.bars[0].capacity == 12);
    CHECK(data.bars[0].checked_in == 3);
    CHECK(data.bars[0].walk_ins == 1);
    REQUIRE(data.curves.size() == 1);
    CHECK(data.curves[0].counts == report.overall.arrivals);

    const auto fonts = kiosk_print::Fonts::load(fonts_directory);
    kiosk_print::Canvas canvas(kiosk_print::Format::Png, {1200, 800}, fonts);
    const auto geometry = kiosk_print::draw_attendance_chart(canvas, data);
    const test::Png png(canvas.finish());
    CHECK(png.width() == 1200);
    CHECK(png.height() == 800);
    require_bars(png, data, geometry);
    // The 12-seat bar is half again as tall as the 8-seat one.
    CHECK(geometry.bars[0].capacity.height / geometry.bars[1].capacity.height ==
          Approx(12.0 / 8.0));
}

TEST_CASE("All sites: one bar and one arrival curve per site", "[print][chart]")
{
    test::AttendanceFixture fixture;
    const auto report = kiosk::attendance(fixture.store(), {std::nullopt, day, day},
                                          kiosk::CheckinRules{}, test::at("2026-11-26 17:00"));
    const auto data = kiosk_print::chart_data(report, "Présence — tous les sites");
    REQUIRE(data.bars.size() == 4); // the national session is not measured: no bar
    CHECK(data.bars[0].label == "Rennes");
    CHECK(data.bars[0].checked_in == 3);
    CHECK(data.bars[1].label == "Nancy");
    CHECK(data.bars[1].checked_in == 2);
    CHECK(data.bars[1].capacity == 10);
    CHECK(data.curves.size() == 4);

    const auto fonts = kiosk_print::Fonts::load(fonts_directory);
    kiosk_print::Canvas canvas(kiosk_print::Format::Png, {900, 600}, fonts);
    const auto geometry = kiosk_print::draw_attendance_chart(canvas, data);
    require_bars(test::Png(canvas.finish()), data, geometry);
}

TEST_CASE("kioskctl attendance --chart: a PNG of the size asked, bars where the numbers say, "
          "and a one-page PDF",
          "[print][chart][kioskctl]")
{
    test::AttendanceFixture fixture;
    const auto database = (fixture.dir() / "site.db").string();
    const auto png_path = (fixture.dir() / "presence.png").string();
    const auto run = [&](std::vector<std::string> extra) {
        std::vector<std::string> arguments{test::kioskctl_program(),
                                           "--db",
                                           database,
                                           "--at",
                                           "2026-11-26 17:00",
                                           "attendance",
                                           "--site",
                                           "rennes",
                                           "--date",
                                           "2026-11-26"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return test::run_process(arguments, {{"DISPLAY", ""}});
    };
    const auto drawn = run({"--chart", png_path, "--chart-size", "1000x700"});
    INFO(drawn.err);
    REQUIRE(drawn.exit_code == 0);

    // The same report laid out at the same size tells where the bars must be.
    const auto data = kiosk_print::chart_data(rennes_report(fixture), "");
    const auto fonts = kiosk_print::Fonts::load(fonts_directory);
    kiosk_print::Canvas layout(kiosk_print::Format::Png, {1000, 700}, fonts);
    const auto geometry = kiosk_print::draw_attendance_chart(layout, data);
    const test::Png png(test::read_file(png_path));
    CHECK(png.width() == 1000);
    CHECK(png.height() == 700);
    require_bars(png, data, geometry);

    const auto pdf_path = (fixture.dir() / "presence.pdf").string();
    REQUIRE(run({"--chart", pdf_path, "--chart-size", "842x595"}).exit_code == 0);
    const auto info = test::run_process({"pdfinfo", pdf_path});
    REQUIRE(info.out.find("Pages:") != std::string::npos);
    CHECK(std::stoi(info.out.substr(info.out.find("Pages:") + 6)) == 1);
    CHECK(info.out.find("842 x 595 pts") != std::string::npos);
    const auto text = test::run_process({"pdftotext", "-enc", "UTF-8", pdf_path, "-"});
    CHECK(text.out.find("Présence — Rennes, jeudi 26 novembre 2026") != std::string::npos);
    CHECK(text.out.find("Arrivées par rapport au début") != std::string::npos);

    const auto bad_name = run({"--chart", (fixture.dir() / "presence.gif").string()});
    CHECK(bad_name.exit_code == 2);
    CHECK(bad_name.err.find(".png, .pdf ou .svg") != std::string::npos);
    const auto bad_size = run({"--chart", png_path, "--chart-size", "10x10"});
    CHECK(bad_size.exit_code == 2);
    CHECK(bad_size.err.find("--chart-size 10x10") != std::string::npos);
}
