"""The README's promise about duplicates, one case per test, on the pure rule.

"Adding someone who may already be in the workbook (same e-mail, LinkedIn address
or phone number, the same name and organization, or a name one typo away) asks
first … ctrl+p → Possible duplicates lists the pairs to look at."

Written against mutation testing of ``rules.duplicates``. Phone numbers here are
written with their country code, so no test depends on the locale's region.
"""

from __future__ import annotations

from dataclasses import dataclass

from infoint_tui.core.rules.duplicates import Match, duplicate_pairs, e164, phone_key, possible_duplicates


@dataclass
class Person:
    id: int
    name: str
    organization: str = ""
    email: str = ""
    linkedin_url: str = ""
    phone: str = ""


def matches(fields: dict, *people: Person) -> list[tuple[int, str]]:
    return [(m.contact_id, m.why) for m in possible_duplicates(fields, people, "US")]


def test_the_same_e_mail_whatever_its_case_is_the_strongest_reason() -> None:
    kim = Person(1, "Kim Lee", email="Kim.Lee@Example.org", linkedin_url="linkedin.com/in/kim")
    fields = {"name": "K. Lee", "email": " kim.lee@example.org", "linkedin_url": "linkedin.com/in/kim"}
    assert possible_duplicates(fields, [kim], "US") == [Match(1, "Kim Lee", "the same e-mail")]


def test_no_e_mail_on_either_side_is_no_match() -> None:
    assert matches({"name": "Ann", "email": ""}, Person(1, "Bo", email="")) == []
    assert matches({"name": "Ann", "email": "a@x.org"}, Person(1, "Bo", email="")) == []
    assert matches({"name": "Ann"}, Person(1, "Bo", email="b@x.org")) == []


def test_the_same_linkedin_address_however_it_was_copied() -> None:
    kim = Person(1, "Kim Lee", linkedin_url="https://www.linkedin.com/in/kimlee/?trk=x")
    assert matches({"name": "Kimberly", "linkedin_url": "linkedin.com/in/kimlee"}, kim) == [
        (1, "the same LinkedIn address")
    ]
    assert matches({"name": "Kimberly", "linkedin_url": ""}, Person(1, "Bo", linkedin_url="")) == []
    assert matches({"name": "Kimberly"}, Person(1, "Bo", linkedin_url="linkedin.com/in/bo")) == []


def test_the_same_phone_number_written_two_ways() -> None:
    kim = Person(1, "Kim Lee", phone="+1 (626) 555-0100")
    assert matches({"name": "Someone", "phone": "+16265550100"}, kim) == [(1, "the same phone number")]
    assert matches({"name": "Someone", "phone": "+1 626 555 0199"}, kim) == []
    assert matches({"name": "Someone", "phone": ""}, Person(1, "Bo", phone="")) == []
    assert matches({"name": "Someone"}, Person(1, "Bo", phone="+16265550100")) == []


def test_a_stored_e164_number_is_used_as_it_is() -> None:
    @dataclass
    class Stored(Person):
        phone_e164: str = ""

    stored = Stored(1, "Kim Lee", phone="anything", phone_e164="+16265550100")
    assert matches({"name": "Someone", "phone": "+1 626 555 0100"}, stored) == [(1, "the same phone number")]


def test_the_same_name_and_organization() -> None:
    kim = Person(1, "Kim  Lee", organization="Helio Grid")
    assert matches({"name": "kim lee", "organization": "HELIO GRID"}, kim) == [
        (1, "the same name and organization")
    ]


def test_the_same_name_with_no_organization_on_either_side() -> None:
    assert matches({"name": "Kim Lee"}, Person(1, "Kim Lee")) == [(1, "the same name")]


def test_the_same_name_at_another_organization_is_still_worth_asking() -> None:
    assert matches({"name": "Kim Lee", "organization": "Wind Co"}, Person(1, "Kim Lee", "Helio Grid")) == [
        (1, "the same name")
    ]


def test_a_name_one_typo_away() -> None:
    assert matches({"name": "Priya Ramen"}, Person(1, "Priya Raman", "Helio")) == [(1, "a very similar name")]


def test_a_name_exactly_at_the_closeness_threshold_counts_and_one_letter_less_does_not() -> None:
    maria = Person(1, "Maria Gonzalez")
    assert matches({"name": "Maria Gonza"}, maria) == [(1, "a very similar name")]  # a ratio of 88
    assert matches({"name": "Maria Gonz"}, maria) == []


def test_no_name_given_matches_no_one_by_name() -> None:
    assert matches({"name": "", "organization": "Helio"}, Person(1, "Kim Lee", "Helio")) == []


def test_the_strongest_reason_comes_first_then_by_name() -> None:
    people = [
        Person(1, "Priya Rahman"),
        Person(2, "Xena", phone="+1 626 555 0100"),
        Person(3, "Yves", linkedin_url="linkedin.com/in/priya"),
        Person(4, "Zoe", email="priya@x.org"),
        Person(5, "Priya Raman"),
        Person(6, "Priya Raman", "Helio"),
        Person(7, "Zack", email="priya@x.org"),
        Person(8, "Someone Else"),
    ]
    fields = {
        "name": "Priya Raman",
        "organization": "Helio",
        "email": "priya@x.org",
        "linkedin_url": "linkedin.com/in/priya",
        "phone": "+16265550100",
    }
    assert matches(fields, *people) == [
        (7, "the same e-mail"),
        (4, "the same e-mail"),
        (3, "the same LinkedIn address"),
        (2, "the same phone number"),
        (6, "the same name and organization"),
        (1, "a very similar name"),  # a close name and the same name weigh the same: by name
        (5, "the same name"),
    ]


# -- the list of possible duplicates ------------------------------------------------------


def pairs(*people: Person) -> list[tuple[int, int, str]]:
    return [(first.id, match.contact_id, match.why) for first, match in duplicate_pairs(list(people), "US")]


def test_the_pairs_list_each_pair_once_by_name() -> None:
    people = [
        Person(1, "Zoë Adams", email="z@x.org"),
        Person(2, "Bo Chen", phone="+1 626 555 0100"),
        Person(3, "Zoe Adams Two", email="Z@X.org"),
        Person(4, "Bo Chen", phone="+16265550100"),
        Person(5, "Priya Raman", linkedin_url="linkedin.com/in/priya"),
        Person(6, "Someone", linkedin_url="https://linkedin.com/in/priya/"),
        Person(7, "Jordan Friend"),
        Person(8, "Jordan Freind"),
        Person(9, "Alone"),
    ]
    assert pairs(*people) == [
        (2, 4, "the same phone number"),
        (7, 8, "a very similar name"),
        (5, 6, "the same LinkedIn address"),
        (1, 3, "the same e-mail"),
    ]


def test_a_typo_in_a_later_word_of_the_name_is_found() -> None:
    assert pairs(Person(1, "Mei Raman"), Person(2, "Mai Raman")) == [(1, 2, "a very similar name")]


def test_names_far_apart_are_no_pair() -> None:
    assert pairs(Person(1, "Kim Lee"), Person(2, "Kim Li"), Person(3, "Bo")) == []


def test_the_pairs_accept_records_with_asdict() -> None:
    from collections import namedtuple

    Row = namedtuple("Row", "id name organization email linkedin_url phone")
    rows = [Row(1, "Kim Lee", "", "k@x.org", "", ""), Row(2, "Kimberly", "", "k@x.org", "", "")]
    assert [(a.id, m.contact_id, m.why) for a, m in duplicate_pairs(rows, "US")] == [
        (1, 2, "the same e-mail")
    ]


# -- phone numbers ----------------------------------------------------------------------------


def test_phone_numbers_are_compared_as_e164() -> None:
    assert e164("+1 (626) 555-0100", region="US") == "+16265550100"
    assert e164("(626) 555-0100", region="US") == "+16265550100"
    assert e164("030 1234567", region="DE") == "+49301234567"
    assert e164("", region="US") == e164("   ", region="US") == ""
    assert e164("not a number", region="US") == ""
    assert e164("12", region="US") == ""  # too short to be anyone's


def test_a_number_that_cannot_be_read_is_compared_by_its_digits() -> None:
    assert phone_key("+1 626 555 0100", region="US") == "+16265550100"
    assert phone_key("ext. 12", region="US") == "12"
    assert phone_key("", region="US") == ""


def test_the_pairs_are_listed_by_the_first_persons_name() -> None:
    people = [
        Person(1, "Ann Adams", email="a@x.org"),
        Person(2, "Zed", email="a@x.org"),
        Person(3, "Bea Brown", email="b@x.org"),
        Person(4, "Abe", email="b@x.org"),
    ]
    assert pairs(*people) == [(1, 2, "the same e-mail"), (3, 4, "the same e-mail")]


def test_a_typo_in_the_fourth_letter_of_a_one_word_name_is_found() -> None:
    assert pairs(Person(1, "Christopherson"), Person(2, "Chrsitopherson")) == [(1, 2, "a very similar name")]


def test_a_name_written_in_another_order_with_a_typo_is_found() -> None:
    assert pairs(Person(1, "Maria Gonzalez"), Person(2, "Gonza Maria")) == [(1, 2, "a very similar name")]


def test_many_people_of_one_name_are_every_one_paired() -> None:
    found = pairs(*[Person(n, "Kim Lee") for n in range(1, 8)])
    assert len(found) == 21 and {why for _, _, why in found} == {"the same name"}


def test_a_number_without_a_country_code_is_read_in_the_region_given() -> None:
    assert phone_key("(030) 1234567", region="DE") == "+49301234567"


def test_no_organization_on_either_side_is_the_same_name_weighed_as_name_and_organization() -> None:
    # The same name, neither with an organization, outranks a close name that sorts first.
    assert matches({"name": "Kim Lee"}, Person(1, "Kim Lee"), Person(2, "Kim Le")) == [
        (1, "the same name"),
        (2, "a very similar name"),
    ]


@dataclass
class Stored(Person):
    """A contact as the workbook holds it: its number also in the international form it was
    read as when saved (in the region of that day)."""

    phone_e164: str = ""


def test_a_number_saved_in_another_region_is_compared_as_it_was_read_then() -> None:
    """Someone saved in London as "020 7946 0000" is the same person as "+44 20 7946 0000",
    even after the region changes to the US, where the national number means nothing."""
    london = Stored(1, "Ada King", phone="020 7946 0000", phone_e164="+442079460000")
    later = Stored(2, "A. King", phone="+44 20 7946 0000", phone_e164="+442079460000")
    assert pairs(london, later) == [(1, 2, "the same phone number")]
    assert matches({"name": "Someone", "phone": "+44 20 7946 0000"}, london) == [(1, "the same phone number")]
