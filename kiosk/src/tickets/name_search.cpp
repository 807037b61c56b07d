#include "kiosk/tickets/name_search.hpp"

#include "base/secrets.hpp"
#include "kiosk/base/sanitise.hpp"
#include "kiosk/tickets/registration.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <sodium.h>

namespace kiosk {
namespace {

// Keys the tag to this system: the same surname gives other tags in other systems' databases.
constexpr std::array<unsigned char, crypto_generichash_KEYBYTES_MIN> tag_key{
    'a', 't', 'e', 'l', 'i', 'e', 'r', '-', 'n', 'o', 'm', '-', 'v', '1', '.', '0'};

constexpr std::size_t max_query_words = 8;
constexpr std::size_t max_folded_bytes = 200;
// Few enough that a tag is shared by dozens of surnames of the same initial, enough that two
// holders of one session rarely share one (about one in a thousand per holder).
constexpr unsigned tag_bits = 10;

// The first UTF-8 character of `text`, whole.
std::string first_character(std::string_view text)
{
    std::size_t length = text.empty() ? 0 : 1;
    while (length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80)
        ++length;
    return std::string(text.substr(0, length));
}

std::vector<std::string> words_of(const std::string& folded)
{
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < folded.size() && words.size() < max_query_words) {
        const auto end = std::min(folded.find(' ', start), folded.size());
        if (end > start)
            words.push_back(folded.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// Spelling aside: lower case, Latin letters folded to ASCII (é, ø, ö, ß, decomposed accents),
// other scripts kept, words joined by hyphens — "Le Gall", "le-gall" and "LE GALL" alike.
std::string folded(std::string_view name) { return file_name_part(name, max_folded_bytes); }

} // namespace

std::string last_name_initial(std::string_view last_name)
{
    // "’t Hooft" is filed under H: leading punctuation is not a letter.
    std::size_t begin = 0;
    while (begin < last_name.size()) {
        const auto rest = last_name.substr(begin);
        if (rest.starts_with("’"))
            begin += std::string_view("’").size();
        else if (std::string_view(" \t-'.\"").find(rest.front()) != std::string_view::npos)
            ++begin;
        else
            break;
    }
    if (begin == last_name.size())
        return {};
    std::string letter = first_character(last_name.substr(begin));
    if (letter.size() == 1) {
        letter[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(letter[0])));
    } else if (letter.size() == 2 && static_cast<unsigned char>(letter[0]) == 0xC3) {
        // Latin-1 lower-case letters (à…þ but ÷) are their capitals' code point + 0x20.
        const auto second = static_cast<unsigned char>(letter[1]);
        if (second >= 0xA0 && second <= 0xBE && second != 0xB7)
            letter[1] = static_cast<char>(second - 0x20);
    }
    return letter;
}

std::string last_name_tag(std::string_view last_name)
{
    const std::string name = folded(last_name);
    if (name.empty())
        return {};
    secrets::ensure_sodium();
    std::array<unsigned char, crypto_generichash_BYTES_MIN> hash{};
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(name.data()),
                       name.size(), tag_key.data(), tag_key.size());
    const unsigned tag = ((unsigned{hash[0]} << 8U) | hash[1]) & ((1U << tag_bits) - 1U);
    return fmt::format("{:04x}", tag);
}

std::string holder_short_name(const TicketListing& ticket)
{
    const std::string initial = ticket.holder.last_name.empty()
                                    ? ticket.last_initial
                                    : last_name_initial(ticket.holder.last_name);
    if (ticket.holder.first_name.empty() || initial.empty())
        return ticket.holder.first_name;
    return fmt::format("{} {}.", ticket.holder.first_name, initial);
}

HolderSearch::HolderSearch(std::string_view query)
    : folded_(fold_name(query))
{
    // Every run of consecutive words may be the last name ("le gall", "lefevre"); the others
    // are then looked for in the first name ("elodie lefevre", "lefevre elo").
    const auto words = words_of(folded_);
    for (std::size_t begin = 0; begin < words.size(); ++begin)
        for (std::size_t end = begin + 1; end <= words.size(); ++end) {
            Candidate candidate;
            std::string last;
            for (std::size_t i = 0; i < words.size(); ++i) {
                if (i < begin || i >= end)
                    candidate.rest.push_back(words[i]);
                else
                    last += (last.empty() ? "" : " ") + words[i];
            }
            candidate.initial = first_character(folded(last));
            candidate.tag = last_name_tag(last);
            candidates_.push_back(std::move(candidate));
        }
}

bool HolderSearch::matches(const TicketListing& ticket) const
{
    if (folded_.empty())
        return true;
    const std::string first = fold_name(ticket.holder.first_name);
    const std::string names = fold_name(ticket.holder.first_name + " " + ticket.holder.last_name);
    if (names.find(folded_) != std::string::npos)
        return true;
    if (ticket.last_name_tag.empty())
        return false;
    const std::string initial = first_character(folded(ticket.last_initial));
    return std::any_of(candidates_.begin(), candidates_.end(), [&](const Candidate& candidate) {
        return candidate.tag == ticket.last_name_tag && candidate.initial == initial &&
               std::all_of(
                   candidate.rest.begin(), candidate.rest.end(),
                   [&](const std::string& word) { return first.find(word) != std::string::npos; });
    });
}

} // namespace kiosk
