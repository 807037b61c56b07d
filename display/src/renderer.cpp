#include "kiosk_display/renderer.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/Sprite.hpp>
#include <cmath>
#include <fmt/format.h>

namespace kiosk_display {
namespace {

sf::Color colour_of(Colour colour) { return sf::Color(colour.red, colour.green, colour.blue); }

void load_font(sf::Font& font, const std::filesystem::path& file)
{
    if (!std::filesystem::is_regular_file(file) || !font.loadFromFile(file.string()))
        throw FontError(fmt::format("police introuvable ou illisible : {} (le tableau ne peut "
                                    "rien afficher sans elle ; voir --fonts)",
                                    file.string()));
}

} // namespace

sf::String utf8(std::string_view text) { return sf::String::fromUtf8(text.begin(), text.end()); }

Fonts::Fonts(const std::filesystem::path& directory)
{
    load_font(regular_, directory / regular_font_file);
    load_font(bold_, directory / bold_font_file);
}

const sf::Font& Fonts::font(Weight weight) const
{
    return weight == Weight::Bold ? bold_ : regular_;
}

const sf::Texture& Fonts::glyph_page(Weight weight, unsigned pixel_size) const
{
    // Glyph quads sit on whole pixels with whole-texel coordinates, so nearest sampling picks
    // exactly the texels smooth sampling would blend, at a quarter of the software renderer's
    // cost. SFML recreates a page (smooth again) when it grows, hence on every draw; the page
    // belongs to the font, which we own and only ever use this way.
    auto& page = const_cast<sf::Texture&>(font(weight).getTexture(pixel_size));
    page.setSmooth(false);
    return page;
}

float Fonts::width(std::string_view text, TextStyle style) const
{
    if (width_count_ >= 50'000) {
        widths_.clear();
        width_count_ = 0;
    }
    auto& widths = widths_[{style.weight, style.pixel_size}];
    std::string key(text);
    if (const auto found = widths.find(key); found != widths.end())
        return found->second;
    const float measured = measure(text, style);
    widths.emplace(std::move(key), measured);
    ++width_count_;
    return measured;
}

float Fonts::measure(std::string_view text, TextStyle style) const
{
    // The same advance and kerning sums as sf::Text, without building a vertex array.
    const sf::Font& font = this->font(style.weight);
    const sf::String string = utf8(text);
    float width = 0;
    sf::Uint32 previous = 0;
    for (const sf::Uint32 code_point : string) {
        if (previous != 0)
            width += font.getKerning(previous, code_point, style.pixel_size);
        width += font.getGlyph(code_point, style.pixel_size, false).advance;
        previous = code_point;
    }
    return width;
}

const sf::Texture& Renderer::qr_texture(const PlacedQr& qr)
{
    const std::string key = fmt::format("{}@{}", qr.url, qr.module_pixels);
    auto found = qr_textures_.find(key);
    if (found != qr_textures_.end())
        return *found->second;
    const int modules = qr.code->modules;
    const int side = (modules + 2 * qr_quiet_zone) * qr.module_pixels;
    sf::Image image;
    image.create(static_cast<unsigned>(side), static_cast<unsigned>(side),
                 colour_of(palette::qr_light));
    for (int y = 0; y < modules; ++y)
        for (int x = 0; x < modules; ++x) {
            if (!qr.code->is_dark(x, y))
                continue;
            for (int dy = 0; dy < qr.module_pixels; ++dy)
                for (int dx = 0; dx < qr.module_pixels; ++dx)
                    image.setPixel(
                        static_cast<unsigned>((x + qr_quiet_zone) * qr.module_pixels + dx),
                        static_cast<unsigned>((y + qr_quiet_zone) * qr.module_pixels + dy),
                        colour_of(palette::qr_dark));
        }
    auto texture = std::make_unique<sf::Texture>();
    texture->loadFromImage(image);
    texture->setSmooth(false); // whole-pixel modules stay sharp
    return *qr_textures_.emplace(key, std::move(texture)).first->second;
}

namespace {

void add_quad(sf::VertexArray& vertices, sf::FloatRect area, sf::Color colour,
              sf::FloatRect texture = {})
{
    const sf::Vector2f corners[4] = {{area.left, area.top},
                                     {area.left + area.width, area.top},
                                     {area.left, area.top + area.height},
                                     {area.left + area.width, area.top + area.height}};
    const sf::Vector2f texture_corners[4] = {
        {texture.left, texture.top},
        {texture.left + texture.width, texture.top},
        {texture.left, texture.top + texture.height},
        {texture.left + texture.width, texture.top + texture.height}};
    for (const int corner : {0, 1, 2, 1, 3, 2})
        vertices.append(sf::Vertex(corners[corner], colour, texture_corners[corner]));
}

} // namespace

void Renderer::Layer::clear()
{
    boxes.clear();
    for (auto& [key, vertices] : glyphs)
        vertices.clear();
}

void Renderer::add_text(Layer& layer, const PlacedText& placed)
{
    // The same glyph placement as sf::Text (advance, kerning), gathered into one vertex array
    // per font and size.
    const sf::Font& font = fonts_.font(placed.style.weight);
    const unsigned size = placed.style.pixel_size;
    sf::VertexArray& vertices =
        layer.glyphs.try_emplace({placed.style.weight, size}, sf::Triangles).first->second;
    const sf::Color colour = colour_of(placed.colour);
    const float size_pixels = static_cast<float>(size);
    // SFML puts the baseline one character size below the top; centre the line's ink (about
    // 1.2 sizes from ascender to descender) in its box.
    const float top = std::round(placed.area.y + (placed.area.height - size_pixels * 1.2f) / 2 -
                                 size_pixels * 0.08f);
    const float baseline = top + size_pixels;
    float x = std::round(placed.area.x);
    sf::Uint32 previous = 0;
    for (const sf::Uint32 code_point : utf8(placed.text)) {
        if (previous != 0)
            x += font.getKerning(previous, code_point, size);
        previous = code_point;
        const sf::Glyph& glyph = font.getGlyph(code_point, size, false);
        if (code_point != U' ' && code_point != U'\t' && code_point != U'\n') {
            // sf::Text adds a pixel of the page's transparent border around each glyph, for
            // smooth sampling; sampled pixel for pixel, that border draws nothing, and leaving
            // it out spares the software renderer a fifth of the text's pixels.
            const sf::FloatRect bounds = glyph.bounds;
            add_quad(vertices,
                     {x + bounds.left, baseline + bounds.top, bounds.width, bounds.height},
                     colour, sf::FloatRect(glyph.textureRect));
        }
        x += glyph.advance;
    }
}

void Renderer::prepare(const BoardLayout& layout)
{
    board_.clear();
    overlay_.clear();
    qr_sprites_.clear();
    auto add_box = [](Layer& layer, const PlacedBox& box) {
        add_quad(layer.boxes,
                 {std::round(box.area.x), std::round(box.area.y), std::round(box.area.width),
                  std::round(box.area.height)},
                 colour_of(box.colour));
    };
    for (const auto& box : layout.boxes)
        add_box(board_, box);
    for (const auto& text : layout.texts)
        add_text(board_, text);
    for (const auto& qr : layout.qr_codes)
        qr_sprites_.push_back({&qr_texture(qr), {std::round(qr.area.x), std::round(qr.area.y)}});
    for (const auto& box : layout.overlay_boxes)
        add_box(overlay_, box);
    for (const auto& text : layout.overlay_texts)
        add_text(overlay_, text);
}

void Renderer::draw(sf::RenderTarget& target, const Layer& layer) const
{
    // Boxes are opaque: without blending the software renderer does not read what lies below.
    if (layer.boxes.getVertexCount() > 0)
        target.draw(layer.boxes, sf::RenderStates(sf::BlendNone));
    for (const auto& [key, vertices] : layer.glyphs) {
        if (vertices.getVertexCount() == 0)
            continue;
        sf::RenderStates states;
        states.texture = &fonts_.glyph_page(key.first, key.second);
        target.draw(vertices, states);
    }
}

void Renderer::draw(sf::RenderTarget& target) const
{
    target.clear(colour_of(palette::background));
    draw(target, board_);
    sf::Sprite sprite;
    for (const auto& qr : qr_sprites_) {
        sprite.setTexture(*qr.texture, true);
        sprite.setPosition(qr.position);
        target.draw(sprite, sf::RenderStates(sf::BlendNone)); // opaque, like the boxes
    }
    draw(target, overlay_);
}

} // namespace kiosk_display
