#pragma once

// The fonts everything printed uses: the ones bundled with the program (assets/fonts), found by
// fontconfig without being installed on the machine.

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace kiosk_print {

// A font file is missing or unusable: the installation is broken, programs exit non-zero.
class FontError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

inline constexpr std::string_view font_family = "Noto Sans";

class Fonts {
public:
    // Adds every .ttf and .otf file of `directory` to fontconfig's current configuration, then
    // makes a font map that sees them, and checks that "Noto Sans" resolves to them. Throws
    // FontError naming the file or directory otherwise.
    [[nodiscard]] static Fonts load(const std::filesystem::path& directory);

    // The pango font map (a PangoFontMap*), for the canvas.
    [[nodiscard]] void* font_map() const { return font_map_.get(); }
    [[nodiscard]] const std::filesystem::path& directory() const { return directory_; }

private:
    Fonts(std::shared_ptr<void> font_map, std::filesystem::path directory)
        : font_map_(std::move(font_map))
        , directory_(std::move(directory))
    {
    }
    std::shared_ptr<void> font_map_;
    std::filesystem::path directory_;
};

// Where the bundled fonts are: `option_value` when given, else $KIOSK_FONTS, else `fonts`
// beside the program, else share/atelier-kiosk/fonts beside its bin/ directory.
[[nodiscard]] std::filesystem::path font_directory(const std::string& option_value);

} // namespace kiosk_print
