#include "kiosk_print/canvas.hpp"

#include "png_writer.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdexcept>

namespace kiosk_print {
namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void check(cairo_status_t status, const char* what)
{
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string(what) + " : " + cairo_status_to_string(status));
}

} // namespace

struct Canvas::Impl {
    Format format;
    Size size;
    std::string bytes; // what the SVG and PDF surfaces stream out
    cairo_surface_t* surface = nullptr;
    cairo_t* cairo = nullptr;
    PangoContext* pango = nullptr;

    ~Impl()
    {
        if (pango)
            g_object_unref(pango);
        if (cairo)
            cairo_destroy(cairo);
        if (surface)
            cairo_surface_destroy(surface);
    }

    PangoLayout* layout(std::string_view text, const TextStyle& style)
    {
        pango_cairo_update_context(cairo, pango);
        PangoLayout* layout = pango_layout_new(pango);
        PangoFontDescription* font = pango_font_description_new();
        pango_font_description_set_family(font, std::string(font_family).c_str());
        pango_font_description_set_weight(font, style.weight == Weight::Bold ? PANGO_WEIGHT_BOLD
                                                                             : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
        pango_layout_set_font_description(layout, font);
        pango_font_description_free(font);
        if (style.max_width > 0) {
            pango_layout_set_width(layout, pango_units_from_double(style.max_width));
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
            if (style.max_lines > 0) {
                pango_layout_set_height(layout, -style.max_lines);
                pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
            }
            pango_layout_set_alignment(layout, style.align == Align::Center  ? PANGO_ALIGN_CENTER
                                               : style.align == Align::Right ? PANGO_ALIGN_RIGHT
                                                                             : PANGO_ALIGN_LEFT);
        }
        pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
        return layout;
    }
};

Canvas::Canvas(Format format, Size size, const Fonts& fonts, double pixels_per_point)
    : impl_(std::make_unique<Impl>())
{
    impl_->format = format;
    impl_->size = size;
    switch (format) {
    case Format::Png:
        impl_->surface = cairo_image_surface_create(
            CAIRO_FORMAT_RGB24, static_cast<int>(size.width * pixels_per_point + 0.5),
            static_cast<int>(size.height * pixels_per_point + 0.5));
        break;
    case Format::Svg:
        impl_->surface = cairo_svg_surface_create_for_stream(append_bytes, &impl_->bytes,
                                                             size.width, size.height);
        break;
    case Format::Pdf:
        impl_->surface = cairo_pdf_surface_create_for_stream(append_bytes, &impl_->bytes,
                                                             size.width, size.height);
        cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_CREATOR,
                                       "atelier kiosk");
        break;
    }
    check(cairo_surface_status(impl_->surface), "surface de dessin");
    impl_->cairo = cairo_create(impl_->surface);
    check(cairo_status(impl_->cairo), "contexte de dessin");
    if (format == Format::Png)
        cairo_scale(impl_->cairo, pixels_per_point, pixels_per_point);
    impl_->pango = pango_font_map_create_context(static_cast<PangoFontMap*>(fonts.font_map()));
    fill({0, 0, size.width, size.height}, white);
}

Canvas::~Canvas() = default;
Canvas::Canvas(Canvas&&) noexcept = default;
Canvas& Canvas::operator=(Canvas&&) noexcept = default;

Format Canvas::format() const { return impl_->format; }
Size Canvas::size() const { return impl_->size; }

void Canvas::fill(const Rect& rect, Color color)
{
    cairo_set_source_rgba(impl_->cairo, color.red, color.green, color.blue, color.alpha);
    cairo_rectangle(impl_->cairo, rect.x, rect.y, rect.width, rect.height);
    cairo_fill(impl_->cairo);
}

void Canvas::line(Point from, Point to, double width, Color color)
{
    const Point points[] = {from, to};
    polyline(points, width, color);
}

void Canvas::polyline(std::span<const Point> points, double width, Color color)
{
    if (points.size() < 2)
        return;
    cairo_set_source_rgba(impl_->cairo, color.red, color.green, color.blue, color.alpha);
    cairo_set_line_width(impl_->cairo, width);
    cairo_set_line_join(impl_->cairo, CAIRO_LINE_JOIN_ROUND);
    cairo_move_to(impl_->cairo, points.front().x, points.front().y);
    for (const auto& point : points.subspan(1))
        cairo_line_to(impl_->cairo, point.x, point.y);
    cairo_stroke(impl_->cairo);
}

Size Canvas::measure(std::string_view text, const TextStyle& style)
{
    PangoLayout* layout = impl_->layout(text, style);
    PangoRectangle logical{};
    pango_layout_get_extents(layout, nullptr, &logical);
    g_object_unref(layout);
    return {pango_units_to_double(logical.width), pango_units_to_double(logical.height)};
}

Size Canvas::text(Point origin, std::string_view text, const TextStyle& style)
{
    PangoLayout* layout = impl_->layout(text, style);
    PangoRectangle logical{};
    pango_layout_get_extents(layout, nullptr, &logical);
    const Size extent{pango_units_to_double(logical.width), pango_units_to_double(logical.height)};
    double x = origin.x;
    if (style.max_width <= 0 && style.align == Align::Center)
        x -= extent.width / 2;
    else if (style.max_width <= 0 && style.align == Align::Right)
        x -= extent.width;
    cairo_set_source_rgba(impl_->cairo, style.color.red, style.color.green, style.color.blue,
                          style.color.alpha);
    cairo_move_to(impl_->cairo, x, origin.y);
    pango_cairo_show_layout(impl_->cairo, layout);
    g_object_unref(layout);
    return extent;
}

void Canvas::qr(const QrCode& code, Point origin, double module, Color color)
{
    cairo_t* cairo = impl_->cairo;
    // Whole modules must not bleed into their neighbours: no antialiasing on module edges.
    cairo_save(cairo);
    cairo_set_antialias(cairo, CAIRO_ANTIALIAS_NONE);
    cairo_set_source_rgba(cairo, color.red, color.green, color.blue, color.alpha);
    // One rectangle per horizontal run of dark modules keeps SVG and PDF files small.
    for (int y = 0; y < code.modules; ++y) {
        for (int x = 0; x < code.modules;) {
            if (!code.is_dark(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < code.modules && code.is_dark(end, y))
                ++end;
            cairo_rectangle(cairo, origin.x + x * module, origin.y + y * module,
                            (end - x) * module, module);
            x = end;
        }
    }
    cairo_fill(cairo);
    cairo_restore(cairo);
}

void Canvas::next_page()
{
    if (impl_->format != Format::Pdf)
        throw std::logic_error("une image PNG ou SVG n'a qu'une page");
    cairo_show_page(impl_->cairo);
    check(cairo_status(impl_->cairo), "nouvelle page");
}

std::string Canvas::finish()
{
    cairo_destroy(impl_->cairo);
    impl_->cairo = nullptr;
    if (impl_->format == Format::Png) {
        cairo_surface_flush(impl_->surface);
        std::string png;
        if (!encode_png(cairo_image_surface_get_data(impl_->surface),
                        cairo_image_surface_get_width(impl_->surface),
                        cairo_image_surface_get_height(impl_->surface),
                        cairo_image_surface_get_stride(impl_->surface), png))
            throw std::runtime_error("écriture PNG : échec de libpng");
        return png;
    }
    cairo_surface_finish(impl_->surface);
    check(cairo_surface_status(impl_->surface), "écriture du document");
    return std::move(impl_->bytes);
}

} // namespace kiosk_print
