"""Placeholder until the archive registry lands (branch `cite`)."""


class Registry:
    pass


def load_registry(path):
    return Registry(), []


def build_tree(articles, registry):
    return None


def file_url(citation, registry):
    return ""
