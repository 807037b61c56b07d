// Finding "Élodie L." by her last name where the database only has its initial and tag.

#include "kiosk/tickets/name_search.hpp"

#include <catch2/catch.hpp>

namespace {

// A ticket as a site holds it: the first name, and what the office sends for the last name.
kiosk::TicketListing at_a_site(const std::string& first_name, const std::string& last_name)
{
    kiosk::TicketListing ticket;
    ticket.holder.first_name = first_name;
    ticket.last_initial = kiosk::last_name_initial(last_name);
    ticket.last_name_tag = kiosk::last_name_tag(last_name);
    return ticket;
}

} // namespace

TEST_CASE("the last name's tag is the same for every spelling staff type, and only four digits",
          "[tickets][search]")
{
    const auto tag = kiosk::last_name_tag("Lefèvre");
    CHECK(tag.size() == 4);
    CHECK(tag.find_first_not_of("0123456789abcdef") == std::string::npos);
    for (const char* spelling : {"lefevre", "LEFEVRE", "LEFÈVRE", " Lefèvre "})
        CHECK(kiosk::last_name_tag(spelling) == tag);
    CHECK(kiosk::last_name_tag("Lefebvre") != tag);
    CHECK(kiosk::last_name_tag("Le Gall") == kiosk::last_name_tag("le-gall"));
    CHECK(kiosk::last_name_tag("").empty());
    CHECK(kiosk::last_name_initial("lefèvre") == "L");
    CHECK(kiosk::last_name_initial("émery") == "É");
    CHECK(kiosk::last_name_initial("Ørsted") == "Ø");
    CHECK(kiosk::last_name_initial("").empty());
}

TEST_CASE("a holder is found by last name, with or without the first name, in any case",
          "[tickets][search]")
{
    const auto elodie = at_a_site("Élodie", "Lefèvre");
    const auto jean = at_a_site("Jean-Pierre", "Martin");
    const auto yann = at_a_site("Yann", "Le Gall");
    CHECK(kiosk::holder_short_name(elodie) == "Élodie L.");
    CHECK(elodie.holder.last_name.empty());

    for (const char* query :
         {"Lefèvre", "lefevre", "LEFEVRE", "élodie lefèvre", "Lefevre Elo", "elodie", "ELO"}) {
        INFO(query);
        CHECK(kiosk::HolderSearch(query).matches(elodie));
        CHECK_FALSE(kiosk::HolderSearch(query).matches(jean));
    }
    for (const char* query : {"Martin", "Lefebvre", "Dupont", "lefevre jean", "Marie Lefèvre"}) {
        INFO(query);
        CHECK_FALSE(kiosk::HolderSearch(query).matches(elodie));
    }
    CHECK(kiosk::HolderSearch("le gall").matches(yann));
    CHECK(kiosk::HolderSearch("Yann Le Gall").matches(yann));
    CHECK_FALSE(kiosk::HolderSearch("gall").matches(yann)); // a part is not the name
    CHECK(kiosk::HolderSearch("").matches(jean));
    // Where the database has the last name (the office), a part of it is enough.
    kiosk::TicketListing at_office;
    at_office.holder.first_name = "Élodie";
    at_office.holder.last_name = "Lefèvre";
    CHECK(kiosk::HolderSearch("lefe").matches(at_office));
    CHECK(kiosk::holder_short_name(at_office) == "Élodie L.");
}

TEST_CASE("a hostile search is bounded and matches nobody", "[tickets][search]")
{
    const auto elodie = at_a_site("Élodie", "Lefèvre");
    const std::string long_query(100, 'a');
    CHECK_FALSE(kiosk::HolderSearch(long_query).matches(elodie));
    CHECK_FALSE(kiosk::HolderSearch("a b c d e f g h i j k l m n o p").matches(elodie));
    CHECK_FALSE(kiosk::HolderSearch("\xff\xfe lefevre'); DROP TABLE tickets").matches(elodie));
}
