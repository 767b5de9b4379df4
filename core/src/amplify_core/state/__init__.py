"""Project state: the Gen 1 files under ``amplify/``, read and written in one place."""
