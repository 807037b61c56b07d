#pragma once

// What the decoder's tests share: a ticket's payload to draw, and a test image as the decoder
// sees a frame.

#include "kiosk_checkin/frame.hpp"
#include "qr_image.hpp"

#include <string>

namespace test {

// A signed ticket's length and alphabet (Base45); its signature is not checked here.
inline const std::string sample_ticket =
    "KT1:9ST8Q2Y0A3M8WZ0LDC1YK*6N:5J9PX7RR0Y1OC8H%VR4ZCFQ-PO$TVN61XDF6VKI";

inline kiosk::checkin::GrayView view_of(const GrayImage& image)
{
    return {image.pixels.data(), image.width, image.height, image.width};
}

} // namespace test
