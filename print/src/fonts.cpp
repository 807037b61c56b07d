#include "kiosk_print/fonts.hpp"

#include "kiosk/platform/bundled_files.hpp"

#include <algorithm>
#include <cstdlib>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <vector>

namespace kiosk_print {
namespace {

std::string resolved_family(PangoFontMap* map)
{
    PangoContext* context = pango_font_map_create_context(map);
    PangoFontDescription* wanted = pango_font_description_new();
    pango_font_description_set_family(wanted, std::string(font_family).c_str());
    pango_font_description_set_absolute_size(wanted, 12 * PANGO_SCALE);
    std::string family;
    if (PangoFont* font = pango_font_map_load_font(map, context, wanted)) {
        PangoFontDescription* found = pango_font_describe(font);
        if (const char* name = pango_font_description_get_family(found))
            family = name;
        pango_font_description_free(found);
        g_object_unref(font);
    }
    pango_font_description_free(wanted);
    g_object_unref(context);
    return family;
}

} // namespace

Fonts Fonts::load(const std::filesystem::path& directory)
{
    std::error_code error;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        const auto extension = entry.path().extension();
        if (extension == ".ttf" || extension == ".otf")
            files.push_back(entry.path());
    }
    if (error)
        throw FontError(directory.string() + " : dossier des polices illisible (" +
                        error.message() + ")");
    if (files.empty())
        throw FontError(directory.string() + " : aucune police (.ttf, .otf) dans ce dossier");
    std::sort(files.begin(), files.end());
    // Added to the current configuration, before the font map exists, so pango finds the
    // bundled files as if they were installed, without touching the machine's fonts.
    FcConfig* config = FcConfigGetCurrent();
    for (const auto& file : files)
        if (!FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(file.c_str())))
            throw FontError(file.string() + " : police illisible");
    std::shared_ptr<void> map(pango_cairo_font_map_new(), g_object_unref);
    const auto family = resolved_family(static_cast<PangoFontMap*>(map.get()));
    if (family != font_family)
        throw FontError(directory.string() + " : la police « " + std::string(font_family) +
                        " » n'y est pas (trouvé : « " + family + " »)");
    return Fonts(std::move(map), directory);
}

std::filesystem::path font_directory(const std::string& option_value)
{
    return kiosk::bundled_directory("fonts", option_value, "KIOSK_FONTS");
}

} // namespace kiosk_print
