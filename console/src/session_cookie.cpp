#include "session_cookie.hpp"

#include <fmt/format.h>

namespace kiosk_console::cookies {

std::string read(const httplib::Request& request, std::string_view name)
{
    // Once through the Cookie lines (asking for the n-th line walks from the first each time).
    const auto [first, last] = request.headers.equal_range("Cookie");
    for (auto line = first; line != last; ++line) {
        std::string_view rest = line->second;
        while (!rest.empty()) {
            const auto end = rest.find(';');
            std::string_view pair = rest.substr(0, end);
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            while (!pair.empty() && pair.front() == ' ')
                pair.remove_prefix(1);
            const auto equals = pair.find('=');
            if (equals != std::string_view::npos && pair.substr(0, equals) == name)
                return std::string(pair.substr(equals + 1));
        }
    }
    return {};
}

std::string set(std::string_view name, std::string_view value, std::chrono::seconds lifetime)
{
    return fmt::format("{}={}; Max-Age={}; Path=/; Secure; HttpOnly; SameSite=Strict", name,
                       value, lifetime.count());
}

} // namespace kiosk_console::cookies
