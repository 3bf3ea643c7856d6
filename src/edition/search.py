"""Placeholder until the search stage lands (branch `search`)."""


def index_site(site_dir, base_url):
    return None
