import pandas as pd

from analysis.present import captions


def test_themes_caption_names_the_most_discussed_theme():
    matrix = pd.DataFrame({2012: [10.0, 40.0], 2019: [20.0, 30.0]}, index=["Early help", "Care"])
    title, alt = captions.themes_caption(matrix, [2012, 2019])
    assert title == "Care is the most discussed theme across 2012-2019"
    assert "2 themes" in alt and "(35%)" in alt


def test_net_tone_caption_says_which_way_it_moved():
    net = pd.DataFrame({2012: [-50.0, 10.0], 2019: [20.0, -80.0]}, index=["A", "B"])
    title, _ = captions.net_tone_caption(net, [2012, 2019])
    assert title == "Net tone fell most for B between 2012 and 2019"
    assert captions.net_tone_caption(net, [2019])[0] == "Net tone by theme and year"


def test_empty_frames_get_a_caption_not_an_error():
    assert captions.themes_caption(pd.DataFrame(), [])[0] == "No themes found"
    assert captions.recommendations_caption(pd.DataFrame())[0] == "No recommendations found"
    assert captions.asks_caption(pd.DataFrame())[0].startswith("No inspection has later")


def test_asks_caption_follows_the_latest_inspection_with_a_later_year():
    counts = pd.DataFrame(
        {
            "source_id": ["a", "a", "b"],
            "ask_year": [2012, 2012, 2016],
            "year": [2016, 2019, 2019],
            "n_asks": [14, 14, 17],
            "asked_again": [12, 3, 6],
            "reported_improved": [0, 3, 4],
        }
    )
    title, alt = captions.asks_caption(counts)
    assert title == "Of the 17 asks of 2016, 6 were asked again and 4 reported improved in 2019"
    assert "12 asked again in 2016, 3 asked again in 2019" in alt
    assert "marked" not in alt
    assert captions.asks_caption(counts, 1)[1].endswith(
        " 1 cell is marked as read otherwise by the key's readers."
    )


def test_kpi_and_rates_captions_count_statuses():
    statuses = ["on_target", "on_target", "within_tolerance", "no_target"]
    title, alt = captions.kpi_caption(pd.DataFrame({"status": statuses}))
    assert title == (
        "Of 3 measures with a target, 2 are on target, 1 within tolerance and 0 outside it"
    )
    assert "Dot chart of 4 KPIs" in alt and "1 without a target" in alt
    rates = pd.DataFrame({"label": ["Referrals", "Children in care"]})
    one = "1 of 2 headline rates is above the national rate"
    assert captions.rates_caption(rates, ["Children in care"])[0] == one
    both = "2 of 2 headline rates are above the national rate"
    assert captions.rates_caption(rates, ["Referrals", "Children in care"])[0] == both


def test_measures_caption_counts_measures_in_several_years():
    figures = pd.DataFrame({"indicator_id": ["a", "a", "b"], "year": [2016, 2019, 2019]})
    title, _ = captions.measures_caption("care_leavers", figures)
    assert title == "Care leavers: 1 of 2 measures can be followed across years"


def _long():
    return pd.DataFrame(
        {
            "year": [2012, 2019],
            "area_key": ["overall", "overall"],
            "grade": ["Inadequate", "Requires improvement to be good"],
            "grade_score": [4, 3],
        }
    )


def test_judgement_captions_state_the_trajectory():
    title, alt = captions.judgements_caption(_long(), "Leeds")
    assert title == (
        "Leeds: overall effectiveness Inadequate in 2012, then Requires improvement to be good "
        "in 2019"
    )
    assert alt.startswith("Grid chart of Ofsted grades") and "1 improved" in alt
    assert captions.overall_caption(_long())[0].startswith("Overall effectiveness: Inadequate")


def test_measures_caption_says_which_measures_are_tabled():
    figures = pd.DataFrame({"indicator_id": ["a", "a", "b"], "year": [2016, 2019, 2019]})
    _, alt = captions.measures_caption("demand", figures)
    assert "Small multiples of 1 of the 2 demand measures" in alt
    assert "1 measure with a single figure is listed in a table" in alt
