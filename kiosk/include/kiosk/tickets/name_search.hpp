#pragma once

// Finding a visitor by last name at a site whose database never holds last names. The office
// sends, with each ticket of the site's sessions, the initial of the holder's last name (so staff
// read "Élodie L.") and a short keyed hash of the folded last name: typing "Lefèvre",
// "lefevre" or "LEFEVRE" at the site hashes to the same tag and finds her.
//
// The tag keeps 10 bits: enough to tell apart the holders of one session (with the initial, a
// false match is rarer than one in ten thousand per holder, and staff still read the first
// name), too few to be a name — each tag is shared by dozens of surnames of the same initial.
// The key is this system's, in the code: whatever the site searches with is on the site anyway.

#include "kiosk/tickets/ticket_store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// The first letter of the last name, whole and upper case: "L" for "lefèvre", "É" for "Émery".
// Empty for an empty name.
[[nodiscard]] std::string last_name_initial(std::string_view last_name);

// Four hexadecimal digits (10 bits), the same for every spelling of the name — case, accents,
// hyphens and spaces aside; empty for an empty name.
[[nodiscard]] std::string last_name_tag(std::string_view last_name);

// How staff name a holder: "Élodie L." (from the last name where the database has it, else from
// the initial the office sent), "Élodie", or empty for a ticket signed without a name.
[[nodiscard]] std::string holder_short_name(const TicketListing& ticket);

// A search typed by staff, prepared once for a list of holders.
class HolderSearch {
public:
    explicit HolderSearch(std::string_view query);

    [[nodiscard]] bool empty() const { return folded_.empty(); }
    // Whether the holder's names contain the query (accents and case aside), or the query is a
    // last name — perhaps with the first name or a part of it — whose tag and initial the
    // holder's are.
    [[nodiscard]] bool matches(const TicketListing& ticket) const;

private:
    struct Candidate {
        std::string initial;
        std::string tag;
        std::vector<std::string> rest; // the other words, to be found in the first name
    };
    std::string folded_;
    std::vector<Candidate> candidates_;
};

} // namespace kiosk
