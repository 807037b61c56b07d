#include "kiosk/base/sanitise.hpp"

#include <catch2/catch.hpp>

using kiosk::file_name_part;

TEST_CASE("file name parts fold Latin accents to ASCII and keep other scripts readable",
          "[sanitise]")
{
    CHECK(file_name_part("Zoé Nguyễn", 120) == "zoe-nguyen");
    CHECK(file_name_part("Jean-Pierre LEFÈVRE", 120) == "jean-pierre-lefevre");
    CHECK(file_name_part("Jürgen Straße", 120) == "jurgen-strasse");
    CHECK(file_name_part("ẞ Œdipe Æsa œuvre", 120) == "ss-oedipe-aesa-oeuvre");
    CHECK(file_name_part("Søren Łukasz Đặng Thị Ngọc Ánh", 120) ==
          "soren-lukasz-dang-thi-ngoc-anh");
    CHECK(file_name_part("Þóra Dvořák Ğül İlker", 120) == "thora-dvorak-gul-ilker");
    // Decomposed accents (e, then the combining acute) fold the same way.
    CHECK(file_name_part("Zoe\xCC\x81 Nguye\xCC\x82\xCC\x83n", 120) == "zoe-nguyen");
    CHECK(file_name_part("Дмитрий Иванов", 120) == "дмитрий-иванов");
    CHECK(file_name_part("Σοφία", 120) == "σοφία");
    CHECK(file_name_part("محمد علي", 120) == "محمد-علي");
    CHECK(file_name_part("李 小龍", 120) == "李-小龍");
}

TEST_CASE("file name parts never pass a separator, a control or an invisible character",
          "[sanitise]")
{
    CHECK(file_name_part("../../etc/passwd", 120) == "etc-passwd");
    CHECK(file_name_part("a\\b/c\x01"
                         "d\x7F"
                         "e",
                         120) == "a-b-c-d-e");
    CHECK(file_name_part("Anne\xE2\x80\xAE"
                         "fdp.exe",
                         120) == "anne-fdp-exe");                            // U+202E
    CHECK(file_name_part("Anne\xEF\xBC\x8FLuc", 120) == "anne-luc");         // fullwidth /
    CHECK(file_name_part("Anne\xE2\x80\x8B\xC2\xA0Luc", 120) == "anne-luc"); // zero width
    CHECK(file_name_part("Anne\xC3(", 120) == "anne");                       // not UTF-8
    CHECK(file_name_part("  --  ", 120).empty());
    CHECK(file_name_part("Anne 😀 Luc", 120) == "anne-luc");
}

TEST_CASE("file name parts are cut on a character boundary", "[sanitise]")
{
    CHECK(file_name_part("Anne Martin", 6) == "anne-m");
    CHECK(file_name_part("Anne Martin", 5) == "anne"); // never a hyphen at the end
    CHECK(file_name_part("ДДД", 5) == "дд");
    CHECK(file_name_part(std::string(300, 'a'), 120).size() == 120);
}
