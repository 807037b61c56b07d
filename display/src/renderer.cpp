#include "kiosk_display/renderer.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/Graphics/Sprite.hpp>
#include <SFML/Graphics/Text.hpp>
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

float Fonts::width(std::string_view text, TextStyle style) const
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

void Renderer::draw(sf::RenderTarget& target, const BoardLayout& layout)
{
    target.clear(colour_of(palette::background));
    sf::RectangleShape rectangle;
    for (const auto& box : layout.boxes) {
        rectangle.setPosition(std::round(box.area.x), std::round(box.area.y));
        rectangle.setSize({std::round(box.area.width), std::round(box.area.height)});
        rectangle.setFillColor(colour_of(box.colour));
        target.draw(rectangle);
    }
    sf::Text text;
    for (const auto& placed : layout.texts) {
        text.setFont(fonts_.font(placed.style.weight));
        text.setCharacterSize(placed.style.pixel_size);
        text.setString(utf8(placed.text));
        text.setFillColor(colour_of(placed.colour));
        // SFML puts the baseline one character size below the position; centre the line's
        // ink (about 1.2 sizes from ascender to descender) in its box.
        const float size = static_cast<float>(placed.style.pixel_size);
        const float top = placed.area.y + (placed.area.height - size * 1.2f) / 2 - size * 0.08f;
        text.setPosition(std::round(placed.area.x), std::round(top));
        target.draw(text);
    }
    sf::Sprite sprite;
    for (const auto& qr : layout.qr_codes) {
        sprite.setTexture(qr_texture(qr), true);
        sprite.setPosition(std::round(qr.area.x), std::round(qr.area.y));
        target.draw(sprite);
    }
}

} // namespace kiosk_display
