#include "kiosk_display/font_measurer.hpp"

#include "kiosk_display/text_fit.hpp"

#include <fmt/format.h>
#include <ft2build.h>
#include FT_FREETYPE_H

namespace kiosk_display {
namespace {

constexpr const char* regular_file = "NotoSans-Regular.ttf";
constexpr const char* bold_file = "NotoSans-Bold.ttf";

// UTF-8 to code points; an invalid byte stands for itself, as the board's decoder does.
char32_t decode(std::string_view point)
{
    const auto lead = static_cast<unsigned char>(point[0]);
    if (point.size() == 1)
        return lead;
    char32_t value = lead & (point.size() == 2 ? 0x1F : point.size() == 3 ? 0x0F : 0x07);
    for (std::size_t i = 1; i < point.size(); ++i)
        value = (value << 6) | (static_cast<unsigned char>(point[i]) & 0x3F);
    return value;
}

} // namespace

struct FontMeasurer::Faces {
    FT_Library library = nullptr;
    FT_Face regular = nullptr;
    FT_Face bold = nullptr;

    ~Faces()
    {
        if (regular)
            FT_Done_Face(regular);
        if (bold)
            FT_Done_Face(bold);
        if (library)
            FT_Done_FreeType(library);
    }
};

FontMeasurer::FontMeasurer(const std::filesystem::path& directory) : faces_(std::make_unique<Faces>())
{
    if (FT_Init_FreeType(&faces_->library) != 0)
        throw FontFileError("FreeType n'a pas pu démarrer");
    for (auto [face, name] : {std::pair{&faces_->regular, regular_file}, std::pair{&faces_->bold, bold_file}}) {
        const auto path = directory / name;
        if (FT_New_Face(faces_->library, path.c_str(), 0, face) != 0)
            throw FontFileError(fmt::format("police illisible ou absente : {}", path.string()));
        FT_Select_Charmap(*face, FT_ENCODING_UNICODE);
    }
}

FontMeasurer::~FontMeasurer() = default;

float FontMeasurer::width(std::string_view text, TextStyle style) const
{
    auto& cache = widths_[{style.weight, style.pixel_size}];
    if (const auto found = cache.find(std::string(text)); found != cache.end())
        return found->second;
    FT_Face face = style.weight == Weight::Bold ? faces_->bold : faces_->regular;
    float width = 0;
    if (FT_Set_Pixel_Sizes(face, 0, style.pixel_size) == 0) {
        // As SFML 2.5's sf::Font: hinted advances (FreeType's auto-hinter) and kerning pairs.
        FT_UInt previous = 0;
        for (const auto point : code_points(text)) {
            const FT_UInt index = FT_Get_Char_Index(face, decode(point));
            if (previous != 0 && FT_HAS_KERNING(face)) {
                FT_Vector kerning{};
                FT_Get_Kerning(face, previous, index, FT_KERNING_DEFAULT, &kerning);
                width += static_cast<float>(kerning.x) / 64.0f;
            }
            if (FT_Load_Glyph(face, index, FT_LOAD_TARGET_NORMAL | FT_LOAD_FORCE_AUTOHINT) == 0)
                width += static_cast<float>(face->glyph->metrics.horiAdvance) / 64.0f;
            previous = index;
        }
    }
    // Bounded: a board left running for months cannot grow it without end.
    if (++width_count_ > 50000) {
        widths_.clear();
        width_count_ = 0;
        return width;
    }
    cache.emplace(std::string(text), width);
    return width;
}

} // namespace kiosk_display
