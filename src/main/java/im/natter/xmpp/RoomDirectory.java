package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;

/** What the other adapters may ask about the rooms an account is in; the room adapter answers. */
interface RoomDirectory {

    RoomDirectory NONE = new RoomDirectory() {
        @Override
        public boolean isRoom(AccountId account, Address address) {
            return false;
        }

        @Override
        public String nick(AccountId account, Address room) {
            return null;
        }

        @Override
        public boolean trustsOccupantIds(AccountId account, Address room) {
            return false;
        }
    };

    /** Whether {@code address} (bare) is a room the account is in or entering. */
    boolean isRoom(AccountId account, Address address);

    /** The user's nickname in the room, or null when not in it. */
    String nick(AccountId account, Address room);

    /** Whether the room advertises XEP-0421 occupant-ids, so the ones it stamps can be believed. */
    boolean trustsOccupantIds(AccountId account, Address room);
}
