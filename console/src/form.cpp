#include "kiosk/base/sanitise.hpp"
#include "request.hpp"

#include <charconv>
#include <fmt/format.h>

namespace kiosk_console {
namespace {

const std::string* find_value(const httplib::Request& request, const std::string& name)
{
    if (request.has_param(name)) {
        // get_param_value returns by value; the map is searched again for a stable reference.
        const auto found = request.params.find(name);
        return &found->second;
    }
    return nullptr;
}

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

} // namespace

std::optional<std::string> Form::optional_text(const std::string& name, const std::string& label,
                                               std::size_t longest) const
{
    const std::string* value = find_value(request_, name);
    if (!value)
        return std::nullopt;
    if (value->size() > longest)
        throw FormError(name, fmt::format("{} : trop long ({} octets, au plus {})", label,
                                          value->size(), longest));
    const std::string text = trimmed(*value);
    // Control characters and broken UTF-8 have no place in a title or a name: refused, not
    // silently changed, so staff see what they typed was not taken.
    if (kiosk::sanitised_text(text, longest) != text)
        throw FormError(name, fmt::format("{} : caractères non valides", label));
    return text;
}

std::string Form::text(const std::string& name, const std::string& label,
                       std::size_t longest) const
{
    auto value = optional_text(name, label, longest);
    if (!value || value->empty())
        throw FormError(name, fmt::format("{} : à remplir", label));
    return *value;
}

std::optional<int> Form::optional_number(const std::string& name, const std::string& label,
                                         int lowest, int highest) const
{
    const auto value = optional_text(name, label, 12);
    if (!value || value->empty())
        return std::nullopt;
    int number = 0;
    const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
    if (error != std::errc{} || end != value->data() + value->size())
        throw FormError(name, fmt::format("{} : « {} » n'est pas un nombre entier", label, *value));
    if (number < lowest || number > highest)
        throw FormError(name, fmt::format("{} : {} n'est pas entre {} et {}", label, number,
                                          lowest, highest));
    return number;
}

int Form::number(const std::string& name, const std::string& label, int lowest,
                 int highest) const
{
    const auto value = optional_number(name, label, lowest, highest);
    if (!value)
        throw FormError(name, fmt::format("{} : à remplir", label));
    return *value;
}

} // namespace kiosk_console
