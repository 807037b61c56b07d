#pragma once

// Draws a BoardLayout with SFML. The only place, with main, that knows sf:: types.

#include "kiosk_display/board_layout.hpp"
#include "kiosk_display/text_measurer.hpp"

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <SFML/System/String.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kiosk_display {

// Every string shown goes through here: SFML's std::string constructor would use the locale.
[[nodiscard]] sf::String utf8(std::string_view text);

// The fonts are missing or unreadable: the board cannot show anything.
class FontError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

inline constexpr const char* regular_font_file = "NotoSans-Regular.ttf";
inline constexpr const char* bold_font_file = "NotoSans-Bold.ttf";

class Fonts final : public TextMeasurer {
public:
    explicit Fonts(const std::filesystem::path& directory); // throws FontError

    [[nodiscard]] float width(std::string_view text, TextStyle style) const override;
    [[nodiscard]] const sf::Font& font(Weight weight) const;
    // The texture holding the glyphs of one size, set for drawing them pixel for pixel.
    [[nodiscard]] const sf::Texture& glyph_page(Weight weight, unsigned pixel_size) const;

private:
    [[nodiscard]] float measure(std::string_view text, TextStyle style) const;

    sf::Font regular_;
    sf::Font bold_;
    // Every layout measures the same titles again: each width is worked out once. Cleared
    // when it grows past what a day of boards holds, so months of uptime cannot bloat it.
    mutable std::map<std::pair<Weight, unsigned>, std::unordered_map<std::string, float>> widths_;
    mutable std::size_t width_count_ = 0;
};

// Turns a layout into a few batched draw calls (one per font and size, one for all boxes):
// a software renderer pays for each call, not for each glyph.
class Renderer {
public:
    explicit Renderer(const Fonts& fonts) : fonts_(fonts) {}

    // Builds the geometry of `layout`; draw() then repeats it as often as needed.
    void prepare(const BoardLayout& layout);
    void draw(sf::RenderTarget& target) const;
    void draw(sf::RenderTarget& target, const BoardLayout& layout)
    {
        prepare(layout);
        draw(target);
    }

private:
    // Boxes, then glyphs batched by font and size.
    struct Layer {
        sf::VertexArray boxes{sf::Triangles};
        std::map<std::pair<Weight, unsigned>, sf::VertexArray> glyphs;

        void clear();
    };

    const sf::Texture& qr_texture(const PlacedQr& qr);
    void add_text(Layer& layer, const PlacedText& text);
    void draw(sf::RenderTarget& target, const Layer& layer) const;

    struct QrSprite {
        const sf::Texture* texture;
        sf::Vector2f position;
    };

    const Fonts& fonts_;
    std::map<std::string, std::unique_ptr<sf::Texture>> qr_textures_; // by url and module size
    Layer board_;
    std::vector<QrSprite> qr_sprites_;
    Layer overlay_; // the greetings, over everything
};

} // namespace kiosk_display
