#pragma once

// The issuer public keys a site database accepts. Several may be trusted at once, so the
// office can rotate its key without stranding tickets already sent; a retired key admits
// nothing any more.

#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"
#include "kiosk/tickets/keys.hpp"

#include <optional>
#include <vector>

namespace kiosk {

struct TrustedKey {
    KeyId id;
    PublicKey public_key;
    Instant trusted_at;
    std::optional<Instant> retired_at;

    [[nodiscard]] bool is_active() const { return !retired_at.has_value(); }
};

class TrustedKeys {
public:
    explicit TrustedKeys(Store& store)
        : store_(store)
    {
    }

    enum class Trust { Added, AlreadyTrusted, Reinstated };
    // Trusting a retired key again reinstates it. Throws StoreError when another key already
    // has the same key id (a 1 in 4 billion accident, but never silently).
    Trust trust(const PublicKey& key, Instant now);
    // False when no such key is trusted (or it is already retired).
    bool retire(const KeyId& id, Instant now);

    [[nodiscard]] std::optional<TrustedKey> find(const KeyId& id);
    [[nodiscard]] std::vector<TrustedKey> list();

private:
    Store& store_;
};

} // namespace kiosk
