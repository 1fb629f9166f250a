"""The linking side: the polite client for remote endpoints, Wikidata candidates and the
curator's review, enrichment with Wikidata's facts, and publishing to another triple store.
"""
