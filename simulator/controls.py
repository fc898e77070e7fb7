"""Every control the article names: its key, its ARIA role and its label (a catalog msgid).

The single table behind three things that must agree: the screens (each control rendered
with this role and, as accessible name, this label translated into the page's language),
the accessibility test that walks every screen, and the step checker, which resolves a
bold label in an article to a control through it. Roles and labels come from the
reference table ui-labels.tsv; labels marked (kit) there are this kit's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_, translations


@dataclass(frozen=True)
class Control:
    key: str
    role: str  # an ARIA role; "" for names that appear only in running text
    msgid: str
    where: str

    def label(self, lang: str) -> str:
        """The label in ``lang``: exactly the control's accessible name on screen."""
        return translations(lang).gettext(self.msgid)


CONTROLS: dict[str, Control] = {
    control.key: control
    for control in (
        Control("admin_center", "", N_("admin center"), "name of the portal in running text"),
        Control("nav.billing", "button", N_("Billing"), "left navigation group"),
        Control("nav.your_products", "link", N_("Your products"), "page under Billing"),
        Control("nav.licenses", "link", N_("Licenses"), "page under Billing"),
        Control("nav.bills_payments", "link", N_("Bills & payments"), "page under Billing"),
        Control("tab.products", "tab", N_("Products"), "tab on Your products"),
        Control(
            "filter.self_service",
            "menuitemcheckbox",
            N_("Self-service"),
            "filter option on the Products tab (opened by the filter icon)",
        ),
        Control("action.buy_licenses", "button", N_("Buy licenses"), "subscription details"),
        Control("action.remove_licenses", "button", N_("Remove licenses"), "subscription details"),
        Control(
            "field.total_licenses",
            "spinbutton",
            N_("Total licenses"),
            "number box in the right-hand pane",
        ),
        Control("action.save", "button", N_("Save"), "pane buttons"),
        Control(
            "action.assign_licenses", "button", N_("Assign licenses"), "Licenses > subscription"
        ),
        Control(
            "pane.assign_licenses_to_users",
            "dialog",
            N_("Assign licenses to users"),
            "pane title; type a name, pick from results, up to 20 users at a time",
        ),
        Control("action.assign", "button", N_("Assign"), "button in that pane"),
        Control("action.close", "button", N_("Close"), "button after assigning"),
        Control(
            "action.unassign_licenses",
            "button",
            N_("Unassign licenses"),
            "Licenses > product, after selecting users; also the confirmation box title",
        ),
        Control("action.unassign", "button", N_("Unassign"), "button in the confirmation box"),
        Control(
            "action.more_actions", "button", N_("More actions"), "the three dots on a product row"
        ),
        Control(
            "action.cancel_subscription",
            "menuitem",
            N_("Cancel subscription"),
            "menu item and pane title; pane asks for a reason, optional feedback",
        ),
        Control("tab.billing_profiles", "tab", N_("Billing profiles"), "Bills & payments"),
        Control(
            "section.payment_method",
            "heading",
            N_("Payment method"),
            "billing profile details page",
        ),
        Control(
            "action.edit",
            "button",
            N_("Edit"),
            "payment method (profile page and Payment methods tab pane)",
        ),
        Control(
            "action.replace", "button", N_("Replace"), "payment method on the billing profile page"
        ),
        Control("tab.payment_methods", "tab", N_("Payment methods"), "Bills & payments"),
        Control(
            "action.add_payment_method",
            "button",
            N_("Add a payment method"),
            "Payment methods tab; also the pane title",
        ),
        Control("action.add", "button", N_("Add"), "button in that pane"),
        Control("tab.invoices", "tab", N_("Invoices"), "Bills & payments"),
        Control(
            "period.past_3_months",
            "option",
            N_("Past 3 months"),
            "invoice period selector (default)",
        ),
        Control("period.past_6_months", "option", N_("Past 6 months"), "invoice period selector"),
        Control(
            "period.date_range", "option", N_("Specify a date range"), "invoice period selector"
        ),
        Control(
            "control.filter",
            "button",
            N_("Filter"),
            "(kit) the filter icon on the Products tab; opens a menu with filter.self_service",
        ),
        Control(
            "field.find_user",
            "combobox",
            N_("Start typing a name"),
            "(kit) search box in pane.assign_licenses_to_users; results are options",
        ),
        Control(
            "field.cancel_reason",
            "radiogroup",
            N_("Reason for canceling"),
            "(kit) required choice in the Cancel subscription pane",
        ),
        Control(
            "field.feedback",
            "textbox",
            N_("Feedback"),
            "(kit) optional text in the Cancel subscription pane",
        ),
        Control("field.card_number", "textbox", N_("Card number"), "(kit) payment method panes"),
        Control("field.name_on_card", "textbox", N_("Name on card"), "(kit) payment method panes"),
        Control(
            "field.expiration",
            "textbox",
            N_("Expiration date"),
            "(kit) payment method panes, MM/YY",
        ),
        Control(
            "field.security_code", "textbox", N_("Security code"), "(kit) payment method panes"
        ),
        Control("field.address", "textbox", N_("Address"), "(kit) payment method panes"),
        Control(
            "control.period",
            "combobox",
            N_("Invoice period"),
            "(kit) on the Invoices tab; its options are the period.* labels",
        ),
        Control(
            "action.cancel",
            "button",
            N_("Cancel"),
            "(kit) closes a pane or box without changing anything",
        ),
        Control("control.reset", "button", N_("Reset simulator"), "(kit) restores the scenario"),
    )
}
