#include "text_columns.hpp"

namespace kioskctl {
namespace {

bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

} // namespace

std::size_t columns(const std::string& text)
{
    std::size_t count = 0;
    for (char c : text)
        count += starts_code_point(c);
    return count;
}

std::string pad(const std::string& text, std::size_t width)
{
    const std::size_t used = columns(text);
    return used >= width ? text + ' ' : text + std::string(width - used, ' ');
}

std::string pad_left(const std::string& text, std::size_t width)
{
    const std::size_t used = columns(text);
    return used >= width ? text : std::string(width - used, ' ') + text;
}

std::string shorten(const std::string& text, std::size_t width)
{
    if (columns(text) <= width || width == 0)
        return columns(text) <= width ? text : std::string();
    std::string kept;
    std::size_t count = 0;
    for (std::size_t index = 0; index < text.size(); ++index) {
        if (starts_code_point(text[index]) && ++count == width)
            break;
        kept += text[index];
    }
    return kept + "…";
}

} // namespace kioskctl
