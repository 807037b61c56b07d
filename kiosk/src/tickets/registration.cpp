#include "kiosk/tickets/registration.hpp"

#include "kiosk/base/sanitise.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <fmt/format.h>
#include <utility>

namespace kiosk {
namespace {

// The code points of `text`, or none when it is not UTF-8.
std::optional<std::vector<char32_t>> code_points(std::string_view text)
{
    std::vector<char32_t> points;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                                   : (lead >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + static_cast<std::size_t>(length) > text.size())
            return std::nullopt;
        auto point = static_cast<char32_t>(length == 1 ? lead : lead & (0x7F >> length));
        for (int k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((next & 0xC0) != 0x80)
                return std::nullopt;
            point = (point << 6) | (next & 0x3F);
        }
        constexpr std::array<char32_t, 5> smallest{0, 0, 0x80, 0x800, 0x10000};
        if (point < smallest[static_cast<std::size_t>(length)] || point > 0x10FFFF ||
            (point >= 0xD800 && point <= 0xDFFF))
            return std::nullopt;
        points.push_back(point);
        i += static_cast<std::size_t>(length);
    }
    return points;
}

bool is_control(char32_t point) { return point < 0x20 || (point >= 0x7F && point < 0xA0); }

// Pictographs, dingbats and what glues emoji sequences together.
bool is_emoji(char32_t point)
{
    return (point >= 0x1F000 && point <= 0x1FAFF) || (point >= 0x2600 && point <= 0x27BF) ||
           (point >= 0x2B00 && point <= 0x2BFF) || (point >= 0xFE00 && point <= 0xFE0F) ||
           point == 0x200D || (point >= 0xE0000 && point <= 0xE007F);
}

std::optional<RegistrationProblem> check_text(std::string_view text, std::string_view field,
                                              std::string_view what, std::size_t limit,
                                              bool required)
{
    auto problem = [&](std::string message) {
        return RegistrationProblem{std::string(field), std::move(message)};
    };
    const auto points = code_points(text);
    if (!points)
        return problem(fmt::format("{} illisible : ce n'est pas du texte UTF-8", what));
    if (required && points->empty())
        return problem(fmt::format("{} manquant", what));
    if (points->size() > limit)
        return problem(fmt::format("{} trop long : {} caractères, {} au plus", what,
                                   points->size(), limit));
    for (const char32_t point : *points) {
        if (is_control(point))
            return problem(fmt::format("{} : caractère de contrôle interdit (U+{:04X})", what,
                                       static_cast<std::uint32_t>(point)));
        if (is_emoji(point))
            return problem(fmt::format("{} : émoji ou pictogramme refusé (U+{:04X}) : le "
                                       "billet imprimé ne saurait pas l'afficher",
                                       what, static_cast<std::uint32_t>(point)));
    }
    return std::nullopt;
}

bool plausible_email(std::string_view email)
{
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
        return false;
    const auto local = email.substr(0, at);
    const auto domain = email.substr(at + 1);
    if (local.size() > 64 || local.front() == '.' || local.back() == '.' ||
        local.find("..") != std::string_view::npos)
        return false;
    for (const char c : local)
        if (static_cast<unsigned char>(c) <= ' ' || c == '(' || c == ')' || c == ',' ||
            c == ':' || c == ';' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\' ||
            c == '"')
            return false;
    const auto last_dot = domain.rfind('.');
    if (last_dot == std::string_view::npos || domain.size() - last_dot - 1 < 2)
        return false;
    std::size_t label = 0;
    for (std::size_t i = 0; i <= domain.size(); ++i) {
        if (i == domain.size() || domain[i] == '.') {
            if (label == 0 || domain[i - 1] == '-' || domain[i - label] == '-')
                return false;
            label = 0;
            continue;
        }
        const auto c = static_cast<unsigned char>(domain[i]);
        if (!(std::isalnum(c) || c == '-' || c >= 0x80))
            return false;
        ++label;
    }
    return true;
}

// Lower case without accents, for the accented letters of French and its neighbours.
constexpr std::array<std::pair<std::string_view, std::string_view>, 44> folded_letters{{
    {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"á", "a"}, {"ã", "a"}, {"å", "a"}, {"æ", "ae"},
    {"ç", "c"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"î", "i"}, {"ï", "i"},
    {"í", "i"}, {"ì", "i"}, {"ô", "o"}, {"ö", "o"}, {"ó", "o"}, {"ò", "o"}, {"õ", "o"},
    {"ø", "o"}, {"œ", "oe"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"}, {"ú", "u"}, {"ÿ", "y"},
    {"ñ", "n"}, {"À", "a"}, {"Â", "a"}, {"Ä", "a"}, {"Æ", "ae"}, {"Ç", "c"}, {"É", "e"},
    {"È", "e"}, {"Ê", "e"}, {"Ë", "e"}, {"Î", "i"}, {"Ï", "i"}, {"Ô", "o"}, {"Œ", "oe"},
    {"Ù", "u"}, {"Û", "u"},
}};

} // namespace

std::string fold_name(std::string_view name)
{
    std::string result;
    bool pending_space = false;
    for (std::size_t i = 0; i < name.size();) {
        const auto rest = name.substr(i);
        if (rest.front() == ' ' || rest.front() == '-' || rest.front() == '\'' ||
            rest.front() == '\t' || rest.starts_with("’")) {
            pending_space = !result.empty();
            i += rest.starts_with("’") ? std::string_view("’").size() : 1;
            continue;
        }
        if (pending_space)
            result += ' ';
        pending_space = false;
        const auto letter = std::find_if(folded_letters.begin(), folded_letters.end(),
                                         [&](const auto& entry) { return rest.starts_with(entry.first); });
        if (letter != folded_letters.end()) {
            result += letter->second;
            i += letter->first.size();
        } else {
            result += static_cast<char>(std::tolower(static_cast<unsigned char>(rest.front())));
            ++i;
        }
    }
    return result;
}

std::vector<RegistrationProblem> problems_of(const Registration& registration)
{
    std::vector<RegistrationProblem> problems;
    for (auto problem :
         {check_text(registration.first_name, "prenom", "prénom", max_name_characters, true),
          check_text(registration.last_name, "nom", "nom", max_name_characters, true),
          check_text(registration.note, "note", "note", max_note_characters, false)})
        if (problem)
            problems.push_back(std::move(*problem));
    const auto& email = registration.email;
    if (!email.empty() && (email.size() > max_email_bytes || !plausible_email(email)))
        problems.push_back(
            {"email", fmt::format("adresse e-mail invalide « {} » (attendu : nom@domaine.fr)",
                                  excerpt(email))});
    return problems;
}

std::optional<RegistrationProblem> validate(const Registration& registration)
{
    auto problems = problems_of(registration);
    if (problems.empty())
        return std::nullopt;
    return std::move(problems.front());
}

std::string registration_identity(const Registration& registration)
{
    if (!registration.email.empty()) {
        std::string email = registration.email;
        for (char& c : email)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return "email:" + email;
    }
    return "nom:" + fold_name(registration.first_name) + '|' +
           fold_name(registration.last_name);
}

} // namespace kiosk
