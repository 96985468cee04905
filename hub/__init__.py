"""The content hub: the programme's pages, its learners and their progress."""
