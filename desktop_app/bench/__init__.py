"""The benchmark suite (`desktop-app bench`): speed as ratios against references measured in the
same run. Not part of the app's runtime path; it may import the build-time packages."""
