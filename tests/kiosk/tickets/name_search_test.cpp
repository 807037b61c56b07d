// Finding "Élodie L." by her last name where the database only has its initial and tag.

#include "kiosk/tickets/name_search.hpp"

#include <catch2/catch.hpp>
#include <map>

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

TEST_CASE("names beyond French accents are found however they are typed", "[tickets][search]")
{
    // Capitals the French folding lacks, letters folded to ASCII, accents typed as combining
    // marks (as files from some systems hold them), and a name that starts with an apostrophe.
    const auto orsted = at_a_site("Freja", "ØRSTED");
    const auto ozdemir = at_a_site("Can", "Özdemir");
    const auto nguyen = at_a_site("Zoé", "Nguy\xe1\xbb\x85n");
    const auto hooft = at_a_site("Gerard", "’t Hooft");
    for (const char* query : {"ørsted", "orsted", "Orsted"})
        CHECK(kiosk::HolderSearch(query).matches(orsted));
    for (const char* query : {"ozdemir", "özdemir", "OZDEMIR", "O\xcc\x88zdemir"})
        CHECK(kiosk::HolderSearch(query).matches(ozdemir));
    for (const char* query : {"nguyen", "NGUYEN", "Nguyễn"})
        CHECK(kiosk::HolderSearch(query).matches(nguyen));
    CHECK(kiosk::HolderSearch("’t Hooft").matches(hooft));
    CHECK(kiosk::HolderSearch("t hooft").matches(hooft));
    CHECK(kiosk::holder_short_name(hooft) == "Gerard T.");
    CHECK(kiosk::holder_short_name(ozdemir) == "Can Ö.");
    CHECK_FALSE(kiosk::HolderSearch("ozdemir").matches(orsted));
}

TEST_CASE("the tag keeps ten bits: many surnames share each one", "[tickets][search]")
{
    std::map<std::string, int> holders_per_tag;
    for (int number = 0; number < 4000; ++number) {
        const auto tag = kiosk::last_name_tag("Nom" + std::to_string(number));
        CHECK(std::stoi(tag, nullptr, 16) < 1024);
        ++holders_per_tag[tag];
    }
    CHECK(holders_per_tag.size() <= 1024);
    CHECK(holders_per_tag.size() > 900); // spread, not stuck on a few values
}

TEST_CASE("a hostile search is bounded and matches nobody", "[tickets][search]")
{
    const auto elodie = at_a_site("Élodie", "Lefèvre");
    const std::string long_query(100, 'a');
    CHECK_FALSE(kiosk::HolderSearch(long_query).matches(elodie));
    CHECK_FALSE(kiosk::HolderSearch("a b c d e f g h i j k l m n o p").matches(elodie));
    CHECK_FALSE(kiosk::HolderSearch("\xff\xfe lefevre'); DROP TABLE tickets").matches(elodie));
}
