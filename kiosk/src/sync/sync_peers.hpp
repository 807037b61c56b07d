#pragma once

// The sync bookkeeping shared by export and apply: peers and the change log's position.

#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"
#include "kiosk/tickets/keys.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace kiosk::sync {

struct Peer {
    std::optional<PublicKey> device;
    std::optional<Instant> retired_at; // the device was retired: nothing from it, nothing to it
    std::optional<std::int64_t> log_id;
    std::int64_t received_seq = 0;
    std::int64_t acked_seq = 0;
};

[[nodiscard]] std::optional<Peer> find_peer(Store& store, std::string_view name);
void ensure_peer(Store& store, std::string_view name);

} // namespace kiosk::sync
