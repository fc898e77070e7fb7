"""Why the portal refused a command: one typed error, and every message it can carry.

A refused command raises :class:`Rejected` and changes nothing. Its ``message`` is an
English catalog msgid (marked with ``N_`` so ``make catalogs`` extracts it) with
``%(name)s`` placeholders, and ``values`` fills them; the screens translate it on display
(:meth:`Rejected.text`). ``field`` names the control (a key of ``simulator.controls``, or
a date-range field) the message belongs next to, when there is one.

The messages are module constants so that handlers and tests name the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .controls import CONTROLS
from .i18n import N_, Formats, Msgid, translations

# Who may change what.
READ_ONLY = N_(
    "You have a read-only view. Only the person who bought a self-service subscription "
    "can change it or its billing."
)
NOT_YOUR_SUBSCRIPTION = N_(
    "You didn't buy %(product)s, so you can't change it. Only the person who bought it can."
)
NOT_YOUR_BILLING = N_("%(name)s belongs to someone else, so you can't change it.")

# Something a command names that the portal does not have (a stale screen, a typo).
NO_SUCH_SUBSCRIPTION = N_("There is no subscription %(subscription)s. Choose one from the list.")
NO_SUCH_PAYMENT_METHOD = N_(
    "There is no payment method %(payment_method)s. Choose one from the list."
)
NO_SUCH_BILLING_PROFILE = N_(
    "There is no billing profile %(billing_profile)s. Choose one from the list."
)

# Subscriptions.
CANCELLED = N_("%(product)s is cancelled, so it can't be changed.")
EXPIRED = N_(
    "%(product)s has expired. You can remove licenses and unassign them, but not buy "
    "licenses, assign them or cancel the subscription."
)
DISABLED = N_("%(product)s is disabled, so it can't be changed.")
TOTAL_NOT_A_NUMBER = N_("Total licenses: enter a whole number, for example 105.")
TOTAL_BELOW_ONE = N_(
    "Total licenses must be at least 1. To stop paying for %(product)s, cancel the "
    "subscription instead."
)
TOTAL_ABOVE_MAX = N_(
    "Total licenses can be at most %(max)s for one subscription. Enter %(max)s or fewer."
)
TOTAL_UNCHANGED = N_(
    "%(product)s already has %(total)s licenses, so there is nothing to save. Enter another "
    "total, or choose %(cancel)s to keep it."
)
BUY_LOWERS = N_(
    "%(buy)s adds licenses: enter a total above %(total)s, the total now. To have fewer "
    "licenses, use %(remove)s instead."
)
REMOVE_RAISES = N_(
    "%(remove)s takes licenses away: enter a total below %(total)s, the total now. To have "
    "more licenses, use %(buy)s instead."
)
#: The buttons the messages about Total licenses name, as the screens label them.
TOTAL_PANES: dict[str, Msgid] = {
    "buy": Msgid(CONTROLS["action.buy_licenses"].msgid),
    "remove": Msgid(CONTROLS["action.remove_licenses"].msgid),
    "cancel": Msgid(CONTROLS["action.cancel"].msgid),
}
TOTAL_BELOW_ASSIGNED = N_(
    "Total licenses can't be lower than the number of assigned licenses (%(assigned)s). "
    "Unassign licenses first, then remove them."
)
NOBODY_CHOSEN = N_("Choose at least one person to assign a license to.")
TOO_MANY_AT_ONCE = N_(
    "You can assign licenses to up to %(max)s people at a time, and you chose %(count)s. "
    "Assign them in smaller groups."
)
CHOSEN_TWICE = N_("%(name)s is chosen more than once. Choose each person once.")
NOT_IN_ORGANIZATION = N_(
    "%(person)s isn't in your organization. You can assign licenses only to people in "
    "your organization."
)
GUEST = N_(
    "%(name)s is a guest in your organization. Licenses can be assigned only to its members."
)
ALREADY_ASSIGNED = N_("%(name)s already has a %(product)s license.")
NOT_ENOUGH_FREE = N_(
    "Not enough free licenses: %(free)s free, %(count)s chosen. Buy more licenses before "
    "you assign them."
)
NOBODY_SELECTED = N_("Select at least one person to unassign.")
NOT_ASSIGNED = N_("%(name)s doesn't have a %(product)s license, so there is nothing to unassign.")
REASON_REQUIRED = N_("Choose a reason for canceling.")
FEEDBACK_TOO_LONG = N_("Feedback can be up to %(max)s characters long. Shorten it, then try again.")

# Cards (kit): each check names its field.
CARD_NAME_REQUIRED = N_("Name on card: enter the name as it's written on the card.")
CARD_NUMBER_INVALID = N_(
    "Card number: this isn't a valid card number. Check the digits, then try again."
)
CARD_NAME_TOO_LONG = N_("Name on card: enter at most %(max)s characters.")
CARD_NUMBER_TOO_LONG = N_(
    "Card number: a card number is at most %(max)s characters long, spaces included. Check "
    "the number, then try again."
)
CARD_BRAND_UNKNOWN = N_(
    "Card number: this isn't the number of a card the portal takes (%(brands)s). Check the "
    "digits, then try again."
)
CARD_LENGTH_WRONG = N_(
    "Card number: %(brand)s card numbers don't have %(count)s digits. Check the digits, then "
    "try again."
)
CARD_EXPIRATION_FORMAT = N_(
    "Expiration date: enter the month and year as MM/YY, for example 08/29."
)
CARD_EXPIRED = N_(
    "Expiration date: %(expiration)s is in the past. Enter the expiration date printed on the card."
)
CARD_SECURITY_CODE = N_("Security code: enter the 3 or 4 digits printed on the card.")
CARD_ADDRESS_REQUIRED = N_("Address: enter the card's billing address.")
CARD_ADDRESS_TOO_LONG = N_("Address: enter at most %(max)s characters.")

# Invoices.
PERIOD_UNKNOWN = N_("Choose an invoice period.")
START_DATE_INVALID = N_("Start date: enter a date, for example %(example)s.")
END_DATE_INVALID = N_("End date: enter a date, for example %(example)s.")
RANGE_REVERSED = N_(
    "The start date (%(start)s) is after the end date (%(end)s). Choose a start date on or "
    "before the end date."
)


class Rejected(Exception):
    """The portal refused a command; the state is as it was before the command."""

    def __init__(
        self, message: str, values: Mapping[str, Any] | None = None, *, field: str | None = None
    ) -> None:
        self.message = message
        self.values: dict[str, Any] = dict(values or {})
        self.field = field
        super().__init__(message % self.values if self.values else message)

    def __repr__(self) -> str:
        return f"Rejected({self.message!r}, {self.values!r}, field={self.field!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rejected):
            return NotImplemented
        return (self.message, self.values, self.field) == (other.message, other.values, other.field)

    def __hash__(self) -> int:
        return hash((self.message, self.field))

    def text(self, lang: str) -> str:
        """The message in ``lang``, its values formatted as that locale writes them."""
        fmt = Formats(lang)
        shown = {name: _shown(value, fmt) for name, value in self.values.items()}
        return translations(lang).gettext(self.message) % shown


def _shown(value: Any, fmt: Formats) -> str:
    if isinstance(value, Msgid):
        return translations(fmt.lang).gettext(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return fmt.integer(value)
    if isinstance(value, date):
        return fmt.date(value)
    return str(value)
