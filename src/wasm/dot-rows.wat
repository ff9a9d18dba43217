;; Dot products of one row with a list of rows of the same row-major f64 array, in
;; WebAssembly SIMD: the kernel rows of SVC training (one sample against the samples
;; of a binary problem, which lie anywhere in the training set).
;;
;;   out[k] = Σ_c row[c] · x[at[k] + c]      for k < n
;;
;; `row` and every `at[k]` are byte offsets of rows of `stride` bytes (a multiple of 16);
;; `at` is a byte offset of n i32 values; n is a multiple of 4. Four rows at a time, two
;; coordinates per instruction; each sum runs in two lanes added at the end.
(module
  (memory (export "memory") 1)
  (func (export "dotRows")
    (param $row i32) (param $at i32) (param $n i32) (param $stride i32) (param $out i32)
    (local $k i32) (local $c i32) (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $x v128) (local $o i32)
    (block $kDone
      (loop $kLoop
        (br_if $kDone (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $o (i32.add (local.get $at) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $r0 (i32.load offset=0 (local.get $o)))
        (local.set $r1 (i32.load offset=4 (local.get $o)))
        (local.set $r2 (i32.load offset=8 (local.get $o)))
        (local.set $r3 (i32.load offset=12 (local.get $o)))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $s1 (v128.const i64x2 0 0))
        (local.set $s2 (v128.const i64x2 0 0))
        (local.set $s3 (v128.const i64x2 0 0))
        (local.set $c (i32.const 0))
        (block $cDone
          (loop $cLoop
            (br_if $cDone (i32.ge_u (local.get $c) (local.get $stride)))
            (local.set $x (v128.load (i32.add (local.get $row) (local.get $c))))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r0) (local.get $c))))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r1) (local.get $c))))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r2) (local.get $c))))))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r3) (local.get $c))))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $cLoop)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))))
        (f64.store offset=0 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
        (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1))))
        (f64.store offset=16 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s2)) (f64x2.extract_lane 1 (local.get $s2))))
        (f64.store offset=24 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s3)) (f64x2.extract_lane 1 (local.get $s3))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $kLoop))))
)
