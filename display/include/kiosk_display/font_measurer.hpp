#pragma once

// Text widths from the board's own font files through FreeType, with the same advances and
// kerning as the board's renderer (SFML 2.5 loads glyphs the same way), but without a window:
// what `notice add` and the layout tests measure with.

#include "kiosk_display/text_measurer.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace kiosk_display {

class FontFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class FontMeasurer final : public TextMeasurer {
public:
    // Reads NotoSans-Regular.ttf and NotoSans-Bold.ttf from `directory`; throws FontFileError.
    explicit FontMeasurer(const std::filesystem::path& directory);
    ~FontMeasurer() override;
    FontMeasurer(const FontMeasurer&) = delete;
    FontMeasurer& operator=(const FontMeasurer&) = delete;

    [[nodiscard]] float width(std::string_view text, TextStyle style) const override;

private:
    struct Faces;
    std::unique_ptr<Faces> faces_;
    mutable std::map<std::pair<Weight, unsigned>, std::unordered_map<std::string, float>> widths_;
    mutable std::size_t width_count_ = 0;
};

} // namespace kiosk_display
