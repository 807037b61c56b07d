#include "import_records.hpp"

#include <array>
#include <cctype>

namespace kiosk {
namespace {

std::string folded(std::string_view text)
{
    std::string result;
    for (std::size_t i = 0; i < text.size(); ++i) {
        // "privée" and "Privée" are "privee": é and É are the only accents kinds can carry.
        if (text.substr(i).starts_with("é") || text.substr(i).starts_with("É")) {
            result += 'e';
            ++i;
            continue;
        }
        result += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    }
    while (!result.empty() && result.back() == ' ')
        result.pop_back();
    while (!result.empty() && result.front() == ' ')
        result.erase(result.begin());
    return result;
}

bool is_url_character(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(c) != std::string_view::npos;
}

} // namespace

std::optional<Kind> kind_from_category(std::string_view category)
{
    const std::string name = folded(category);
    if (name == "privee" || name == "prive" || name == "session privee")
        return Kind::Privee;
    return parse_kind(name);
}

std::string find_conference_link(std::string_view text)
{
    static constexpr std::array<std::string_view, 6> hosts{"https://meet.google.com/",
                                                           "https://teams.microsoft.com/",
                                                           "https://teams.live.com/",
                                                           "zoom.us/j/",
                                                           "zoom.us/my/",
                                                           "https://meet.jit.si/"};
    std::size_t best = std::string_view::npos;
    for (const auto host : hosts) {
        auto at = text.find(host);
        if (at == std::string_view::npos)
            continue;
        if (!host.starts_with("https://")) { // Zoom: https://<company>.zoom.us/j/…
            const auto scheme = text.rfind("https://", at);
            if (scheme == std::string_view::npos)
                continue;
            at = scheme;
        }
        best = std::min(best, at);
    }
    if (best == std::string_view::npos)
        return {};
    std::size_t end = best;
    while (end < text.size() && is_url_character(text[end]))
        ++end;
    std::string link(text.substr(best, end - best));
    while (!link.empty() && (link.back() == '.' || link.back() == ',' || link.back() == ')' ||
                             link.back() == '>' || link.back() == ';'))
        link.pop_back();
    return link;
}

Checked complete_and_check(Session& session, const ImportOptions& options)
{
    if (session.kind != Kind::Atelier)
        session.room.clear();
    if (!session.capacity && session.kind == Kind::Atelier)
        if (auto found = options.room_capacity.find(session.room);
            found != options.room_capacity.end())
            session.capacity = found->second;
    const auto problem = validate(session);
    if (!problem)
        return {};
    // A wrong value is a mistake to fix in the file; a missing piece (no title, a private
    // session with no organiser, an event of several days) is an event the board cannot show.
    const bool wrong_value = problem->field == "url" || problem->field == "capacity" ||
                             (problem->field == "end" && session.end < session.start);
    std::string message = problem->message;
    if (problem->field == "organiser")
        message = "session privée sans organisateur (ORGANIZER;CN=… ou colonne organisateur)";
    return {wrong_value ? RecordFate::Refuse : RecordFate::Skip, problem->field, std::move(message)};
}

} // namespace kiosk
