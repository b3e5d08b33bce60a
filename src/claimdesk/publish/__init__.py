"""What leaves the desk for the public: ClaimReview markup and the published site."""
