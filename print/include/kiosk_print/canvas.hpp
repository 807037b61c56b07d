#pragma once

// A drawing surface for whatever is printed or charted — tickets now, attendance charts
// (bars, curves, French labels) later — with one API whatever the target: a PNG image, an SVG
// drawing or a PDF page. Coordinates are in points (1/72 inch), y downwards; a PNG has
// `pixels_per_point` pixels per point. No display is involved at any time.

#include "kiosk_print/fonts.hpp"
#include "kiosk_qr/qr_code.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace kiosk_print {

using kiosk_qr::encode_qr;
using kiosk_qr::QrCode;
using kiosk_qr::qr_quiet_zone;

enum class Format { Png, Svg, Pdf };

struct Size {
    double width = 0;
    double height = 0;
};

// ISO 216 sizes, portrait, in points.
inline constexpr Size a6_page{297.64, 419.53};
inline constexpr Size a4_page{595.28, 841.89};
inline constexpr double points_per_millimetre = 72.0 / 25.4;

struct Point {
    double x = 0;
    double y = 0;
};

struct Rect {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
};

struct Color {
    double red = 0;
    double green = 0;
    double blue = 0;
    double alpha = 1;

    // 0xRRGGBB, as design tools write it.
    [[nodiscard]] static constexpr Color hex(std::uint32_t rgb, double alpha = 1)
    {
        return {static_cast<double>((rgb >> 16) & 0xFF) / 255.0,
                static_cast<double>((rgb >> 8) & 0xFF) / 255.0,
                static_cast<double>(rgb & 0xFF) / 255.0, alpha};
    }
};

inline constexpr Color black = Color::hex(0x000000);
inline constexpr Color white = Color::hex(0xFFFFFF);

enum class Weight { Regular, Bold };
enum class Align { Left, Center, Right };

struct TextStyle {
    double size = 10; // points
    Weight weight = Weight::Regular;
    Color color = black;
    Align align = Align::Left;
    double max_width = 0; // wrap within this width; 0: one line, never wrapped
    int max_lines = 0;    // with max_width: cut with "…" after this many lines; 0: no limit
};

class Canvas {
public:
    // Starts a blank (white) page or image. Throws std::runtime_error when cairo cannot.
    Canvas(Format format, Size size, const Fonts& fonts, double pixels_per_point = 1);
    ~Canvas();
    Canvas(Canvas&&) noexcept;
    Canvas& operator=(Canvas&&) noexcept;

    [[nodiscard]] Format format() const;
    [[nodiscard]] Size size() const;

    void fill(const Rect& rect, Color color);
    void line(Point from, Point to, double width, Color color);
    void polyline(std::span<const Point> points, double width, Color color);

    // The size `text` (UTF-8) takes with `style`, without drawing it.
    [[nodiscard]] Size measure(std::string_view text, const TextStyle& style);
    // Draws `text` and returns its size. With a max_width, `origin` is the top-left corner of
    // the box the text is aligned in; without, it is the top of the text's left edge, centre or
    // right edge, following `style.align`.
    Size text(Point origin, std::string_view text, const TextStyle& style);

    // Draws the dark modules of `code`, `module` points each, its top-left module at `origin`.
    // The quiet zone is left to the caller (keep it white, qr_quiet_zone modules wide). On a
    // PNG, whole-pixel origins and module sizes give crisp modules.
    void qr(const QrCode& code, Point origin, double module, Color color = black);

    // PDF only: ends the page and starts a blank one of the same size (std::logic_error for
    // the one-image formats).
    void next_page();

    // Ends the drawing and returns the encoded file. The canvas cannot be drawn on after.
    [[nodiscard]] std::string finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kiosk_print
